import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getOptions } from '../../../helpers/parameters';
import { invalidInput } from '../../../helpers/validation';

export type MatchStrategy = 'auto' | 'readEvent' | 'lookUpEach';

/** What the user chose for the whole run (Options of the first item: one sync, one plan). */
export interface SyncOptions {
	matchStrategy: MatchStrategy;
	multiField: boolean;
	removeMissing: boolean;
	/** Largest share of the event's attendees a mirror run may remove, 0–100 (%). */
	maxRemovalShare: number;
	previewOnly: boolean;
	typedOutput: boolean;
}

export const syncOptionProperties: INodeProperties[] = [
	{
		displayName: 'Find Attendees By',
		name: 'matchStrategy',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: 'auto',
				description:
					"A handful of contacts: one look-up each. More: read the event's attendees (pages of 100) and look up the rest only when that read would cost more than the look-ups.",
			},
			{
				name: "Reading the Event's Attendees",
				value: 'readEvent',
				description: 'Read every attendee of the event once (pages of 100) and match locally',
			},
			{
				name: 'Looking Up Each Email',
				value: 'lookUpEach',
				description: 'One event.person.get call per contact',
			},
		],
		default: 'auto',
		description:
			'How contacts are matched to attendees (by email, trimmed and without regard to case). Automatic never costs more than twice the cheaper way.',
	},
	{
		displayName: 'Max Share to Remove (%)',
		name: 'maxRemovalShare',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 10,
		description:
			"With Remove Attendees Not in the Input: the run stops before writing anything if it would remove more than this share of the event's attendees (a half-sent list must not empty an event)",
	},
	{
		displayName: 'Preview Only',
		name: 'previewOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to output the plan (create, update, unchanged, remove per attendee, with the fields that would change) and write nothing',
	},
	{
		displayName: 'Remove Attendees Not in the Input',
		name: 'removeMissing',
		type: 'boolean',
		default: false,
		description:
			'Whether the input is the whole list: attendees of the event whose email is in no input item are removed from the event (event.person.dismiss) and reported as their own items. Reads every attendee of the event.',
	},
];

export function syncOptionsOf(this: IExecuteFunctions): SyncOptions {
	const options = getOptions.call(this, 0);
	const strategy = String(options.matchStrategy ?? 'auto');
	if (!['auto', 'readEvent', 'lookUpEach'].includes(strategy))
		throw invalidInput(
			this.getNode(),
			0,
			`Find Attendees By must be auto, readEvent or lookUpEach (got "${strategy}")`,
		);
	const share = options.maxRemovalShare === undefined ? 10 : Number(options.maxRemovalShare);
	if (!Number.isFinite(share) || share < 0 || share > 100)
		throw invalidInput(
			this.getNode(),
			0,
			`Max Share to Remove (%) must be a number from 0 to 100 (got ${JSON.stringify(options.maxRemovalShare)})`,
		);
	return {
		matchStrategy: strategy as MatchStrategy,
		multiField: options.multiField !== false,
		removeMissing: options.removeMissing === true,
		maxRemovalShare: share,
		previewOnly: options.previewOnly === true,
		typedOutput: options.typedOutput === true,
	};
}
