import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { requireNumericId } from '../../InEvent/helpers/validation';
import { hookTypeOf } from './hookTypes';

export type HookLevel = 'event' | 'company';

/** Where the hooks are registered: an event, or a company (for new events). */
export interface HookTarget {
	level: HookLevel;
	/** The query key InEvent takes for that level. */
	key: 'eventID' | 'companyID';
	id: string;
}

export interface InstantSettings {
	target: HookTarget;
	/** InEvent type strings, each registered as one hook. */
	types: string[];
	confirm: boolean;
	/** A delivery identical to one received this recently is InEvent repeating it; 0 turns that off. */
	repeatWindowSeconds: number;
}

export const DEFAULT_REPEAT_WINDOW_SECONDS = 300;

type InstantContext = IHookFunctions | IWebhookFunctions;

/** A type string as InEvent takes it: one word of letters, digits, dots, dashes or underscores. */
const TYPE_PATTERN = /^[A-Za-z][\w.-]{0,99}$/;

function otherTypesOf(context: InstantContext): string[] {
	const text = String(context.getNodeParameter('otherTypes', '') ?? '');
	const types = text
		.split(',')
		.map((type) => type.trim())
		.filter((type) => type !== '');
	for (const type of types) {
		if (!TYPE_PATTERN.test(type)) {
			throw new NodeOperationError(
				context.getNode(),
				`Other Event Types: "${type}" is not a type string (letters, digits, dots, dashes or underscores, starting with a letter)`,
			);
		}
	}
	return types;
}

function targetOf(context: InstantContext, level: HookLevel): HookTarget {
	const [name, label, key] =
		level === 'company' ? (['companyId', 'Company', 'companyID'] as const) : (['eventId', 'Event', 'eventID'] as const);
	const id = requireNumericId(context.getNode(), 0, label, context.getNodeParameter(name, '', { extractValue: true }));
	return { level, key, id };
}

/** The trigger's parameters, checked: a wrong one fails activation with the field named. */
export function instantSettingsOf(context: InstantContext): InstantSettings {
	const node = context.getNode();
	const level = context.getNodeParameter('level', 'event') as HookLevel;
	const chosen = context.getNodeParameter('events', []) as string[];
	const types = [...new Set([...chosen, ...otherTypesOf(context)])];
	if (types.length === 0) {
		throw new NodeOperationError(node, 'Choose at least one event in Events or Other Event Types');
	}
	if (level === 'event') {
		const companyOnly = types.map(hookTypeOf).find((type) => type?.companyLevel);
		if (companyOnly) {
			throw new NodeOperationError(
				node,
				`Events: ${companyOnly.name} is a company-level event; set Level to Company to receive it`,
			);
		}
	}
	const options = context.getNodeParameter('options', {}) as {
		confirmWithInEvent?: boolean;
		repeatWindowSeconds?: number;
	};
	const repeatWindowSeconds = options.repeatWindowSeconds ?? DEFAULT_REPEAT_WINDOW_SECONDS;
	if (!Number.isFinite(repeatWindowSeconds) || repeatWindowSeconds < 0) {
		throw new NodeOperationError(node, 'Ignore Repeats Within (Seconds) must be 0 or more');
	}
	return {
		target: targetOf(context, level),
		types,
		confirm: options.confirmWithInEvent === true,
		repeatWindowSeconds,
	};
}

/** Confirm With InEvent needs a record to read back for every type: refused at activation, not at each delivery. */
export function assertConfirmable(context: IHookFunctions, settings: InstantSettings): void {
	if (!settings.confirm) return;
	for (const value of settings.types) {
		const type = hookTypeOf(value);
		if (!type || type.confirm === 'none') {
			const named = type ? `${type.name} (${value})` : `"${value}"`;
			throw new NodeOperationError(
				context.getNode(),
				`Confirm With InEvent cannot check ${named}: the node knows no InEvent record to read back for it. Turn the option off or leave that event out.`,
			);
		}
	}
}
