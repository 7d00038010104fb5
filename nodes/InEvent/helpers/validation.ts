import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/** A bad parameter value on one item: the message names the item and the field. */
export function invalidInput(node: INode, itemIndex: number, message: string): NodeOperationError {
	return new NodeOperationError(node, `[item ${itemIndex}] ${message}`, { itemIndex });
}

/** InEvent IDs are positive integers sent as strings. */
export function requireNumericId(node: INode, itemIndex: number, label: string, value: unknown): string {
	const text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	if (!/^\d+$/.test(text)) {
		const shown = text === '' ? 'empty' : `"${text.slice(0, 40)}"`;
		throw invalidInput(node, itemIndex, `${label} must be a number (got ${shown})`);
	}
	return text;
}

/** Nothing but spaces, or no value at all. */
export function isBlank(value: unknown): boolean {
	return String(value ?? '').trim() === '';
}

export function requireText(node: INode, itemIndex: number, label: string, value: unknown): string {
	const text = String(value ?? '').trim();
	if (text === '') throw invalidInput(node, itemIndex, `${label} must not be empty`);
	return text;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireEmail(node: INode, itemIndex: number, label: string, value: unknown): string {
	const text = String(value ?? '').trim();
	if (!EMAIL_PATTERN.test(text)) {
		throw invalidInput(node, itemIndex, `${label} must be an email address (got "${text.slice(0, 60)}")`);
	}
	return text;
}

/** An event nickname is its URL path: letters, digits, "-" or "_". */
export function requireNickname(node: INode, itemIndex: number, value: string): string {
	if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(value)) {
		throw invalidInput(
			node,
			itemIndex,
			`Nickname must be URL-safe: letters, digits, "-" or "_" (got "${value.slice(0, 60)}")`,
		);
	}
	return value;
}

/** InEvent's documented permission levels (inevent-api.md §3.4). */
const LEVELS: Record<string, string> = {
	'1': 'User',
	'4': 'Admin',
	'64': 'Staff',
	'128': 'Presenter',
	'256': 'Data Collector',
};

export function requireLevel(node: INode, itemIndex: number, value: unknown): string {
	const text = String(value ?? '').trim();
	const byName = Object.entries(LEVELS).find(([, name]) => name.toLowerCase() === text.toLowerCase());
	const level = byName ? byName[0] : text;
	if (!(level in LEVELS)) {
		throw invalidInput(
			node,
			itemIndex,
			`Level must be one of User (1), Admin (4), Staff (64), Presenter (128), Data Collector (256) (got "${text.slice(0, 40)}")`,
		);
	}
	return level;
}

/** Comma-separated numeric tag IDs, as InEvent takes them ("29124,4255"). */
export function requireTagIds(node: INode, itemIndex: number, value: unknown): string {
	const tags = String(value ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
	if (!tags.every((tag) => /^\d+$/.test(tag)))
		throw invalidInput(node, itemIndex, 'Tag IDs must be numbers separated by commas');
	return tags.join(',');
}
