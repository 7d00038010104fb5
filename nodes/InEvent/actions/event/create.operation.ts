import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { slugify } from '../../helpers/slug';
import { invalidInput, requireNickname, requireNumericId, requireText } from '../../helpers/validation';
import { inEventApiRequest } from '../../transport';
import { findEventByNickname } from './lookups';
import { companyLocator, optionsCollection } from '../common.descriptions';
import { EVENT_FIELD_TYPES } from './event.fields';

const properties: INodeProperties[] = [
	companyLocator,
	{
		displayName: 'Event Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Annual Conference 2027',
	},
	{
		displayName: 'Nickname',
		name: 'nickname',
		type: 'string',
		default: '',
		placeholder: 'e.g. annual-conference-2027',
		description: "The event's URL path. Left empty, it is made from the name (lowercase, dashes).",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Copy From Event ID',
				name: 'siblingId',
				type: 'string',
				default: '',
				description: 'ID of an earlier event whose data the new event copies',
			},
			{
				displayName: 'Is Template',
				name: 'isTemplate',
				type: 'boolean',
				default: false,
				description: 'Whether the new event is a template (templates have limited functionality)',
			},
			{
				displayName: 'Template ID',
				name: 'templateId',
				type: 'string',
				default: '',
				description: 'ID of the template the event is created from',
			},
		],
	},
	optionsCollection(),
];

export const description = showOnlyFor('event', 'create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const companyId = getIdParameter.call(this, 'companyId', 'Company ID', itemIndex);
	const name = requireText(node, itemIndex, 'Event Name', this.getNodeParameter('name', itemIndex));
	const givenNickname = String(this.getNodeParameter('nickname', itemIndex, '')).trim();
	const nickname = givenNickname ? requireNickname(node, itemIndex, givenNickname) : slugify(name);
	if (!nickname) {
		throw invalidInput(
			node,
			itemIndex,
			`Nickname could not be made from the name "${name.slice(0, 60)}": set one (letters, digits, "-" or "_")`,
		);
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const qs: Record<string, string> = { companyID: companyId };
	if (additional.siblingId)
		qs.siblingID = requireNumericId(node, itemIndex, 'Copy From Event ID', additional.siblingId);
	if (additional.templateId) qs.templateID = requireNumericId(node, itemIndex, 'Template ID', additional.templateId);
	if (additional.isTemplate === true) qs.isTemplate = '1';

	const { data } = await inEventApiRequest.call(this, 'company.event.bind', {
		qs,
		body: { name, nickname },
		itemIndex,
		// Exactly once: after an ambiguous failure, the nickname (unique in a company) tells whether it was created.
		recover: async () => await findEventByNickname.call(this, companyId, nickname, itemIndex),
	});
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, EVENT_FIELD_TYPES);
}
