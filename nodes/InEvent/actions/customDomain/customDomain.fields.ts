import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FieldTypes } from '../../helpers/types';
import { invalidInput, requireNumericId } from '../../helpers/validation';
import { findCustomDomain } from './lookups';

/**
 * InEvent's custom-domain API is undocumented; the `ssl` module's names are known and everything
 * else here (fields, statuses, the DNS challenge) is inferred — see sandbox/README.md.
 */
export const DOMAIN_FIELD_TYPES: FieldTypes = {
	booleans: [],
	timestamps: ['dateCreated', 'dateVerified'],
	numbers: [],
};

export const domainLocator: INodeProperties = {
	displayName: 'Custom Domain',
	name: 'sslId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: "One of the company's custom domains",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCustomDomains', searchable: true },
		},
		{
			displayName: 'By Domain Name',
			name: 'domain',
			type: 'string',
			placeholder: 'e.g. events.example.com',
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 301',
		},
	],
};

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A bare host name, lower-cased: what InEvent takes as `domain` (no scheme, path or port). */
export function requireDomainName(this: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const text = String(value ?? '')
		.trim()
		.toLowerCase()
		.replace(/\.$/, '');
	const labels = text.split('.');
	if (text.length > 253 || labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) {
		const hint = /[:/]/.test(text) ? ' (leave out "https://", any path and any port)' : '';
		throw invalidInput(
			this.getNode(),
			itemIndex,
			`Domain must be a host name like events.example.com${hint} (got "${String(value ?? '').slice(0, 80)}")`,
		);
	}
	return text;
}

/** The sslID the user chose: picked, typed, or found by its domain name. */
export async function resolveDomainId(this: IExecuteFunctions, companyId: string, itemIndex: number): Promise<string> {
	const locator = this.getNodeParameter('sslId', itemIndex) as { mode?: string; value?: unknown };
	if (locator.mode !== 'domain') return requireNumericId(this.getNode(), itemIndex, 'Custom Domain ID', locator.value);
	const domain = requireDomainName.call(this, itemIndex, locator.value);
	const found = await findCustomDomain.call(this, companyId, domain, itemIndex);
	if (!found) {
		throw invalidInput(this.getNode(), itemIndex, `Custom Domain "${domain}" is not a domain of company ${companyId}`);
	}
	return String(found.data[0].sslID);
}
