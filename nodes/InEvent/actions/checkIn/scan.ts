import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getOptions } from '../../helpers/parameters';
import { toUnixSeconds } from '../../helpers/types';
import { invalidInput, requireText } from '../../helpers/validation';
import { inEventApiRequest } from '../../transport';
import { findScan } from './lookups';
import { attendeeLocator, eventLocator, optionsCollection, sessionLocator } from '../common.descriptions';
import { SCAN_FIELD_TYPES } from './checkIn.fields';

export type Direction = 'in' | 'out';

/** The fields of Check In and Check Out: who, where, and when. */
function scanProperties(direction: Direction): INodeProperties[] {
	const verb = direction === 'in' ? 'in to' : 'out of';
	return [
		eventLocator,
		{
			displayName: 'Identify Attendee By',
			name: 'identifyBy',
			type: 'options',
			options: [
				{
					name: 'Badge Code',
					value: 'code',
					description: "The code printed on the attendee's badge (its QR code)",
				},
				{
					name: 'Person ID',
					value: 'personId',
					description: "The node first reads this attendee's badge code (the inferred qrCode field), one more call",
				},
			],
			default: 'code',
		},
		{
			displayName: 'Badge Code',
			name: 'code',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. K7Q2M9X4PA',
			description: 'The attendee\'s badge (QR) code, as a scanner reads it; InEvent calls it "code" (inferred meaning)',
			displayOptions: { show: { identifyBy: ['code'] } },
		},
		{ ...attendeeLocator, displayOptions: { show: { identifyBy: ['personId'] } } },
		{
			displayName: 'Check ' + (direction === 'in' ? 'In To' : 'Out Of'),
			name: 'place',
			type: 'options',
			options: [
				{ name: 'The Event', value: 'event', description: `Check the attendee ${verb} the event itself` },
				{ name: 'A Session', value: 'session', description: `Check the attendee ${verb} one session` },
			],
			default: 'event',
		},
		{ ...sessionLocator, displayOptions: { show: { place: ['session'] } } },
		optionsCollection([
			{
				displayName: 'Time',
				name: 'date',
				type: 'dateTime',
				default: '',
				description: 'When the scan happened (for scans recorded offline). Empty means now.',
			},
		]),
	];
}

export function scanDescription(operation: string, direction: Direction): INodeProperties[] {
	return showOnlyFor('checkIn', operation, scanProperties(direction));
}

/** The badge code of an attendee, read from their event profile (`qrCode`, inferred field name). */
async function badgeCodeOf(
	this: IExecuteFunctions,
	eventId: string,
	personId: string,
	itemIndex: number,
): Promise<string> {
	const { data } = await inEventApiRequest.call(this, 'event.person.get', {
		qs: { eventID: eventId, personID: personId },
		itemIndex,
	});
	const code = String(data[0]?.qrCode ?? '').trim();
	if (!code) {
		throw invalidInput(
			this.getNode(),
			itemIndex,
			`Person ID ${personId} has no badge code in this event (InEvent sent no qrCode)`,
		);
	}
	return code;
}

/**
 * Logs one scan with `checklog.checkIn` / `checklog.checkOut`. A scan is not idempotent (each one is
 * logged), so after an ambiguous failure the log is searched for this badge, place, direction and second.
 */
export async function executeScan(
	this: IExecuteFunctions,
	itemIndex: number,
	direction: Direction,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const identifyBy = this.getNodeParameter('identifyBy', itemIndex, 'code') as string;
	const place = this.getNodeParameter('place', itemIndex, 'event') as string;
	const sessionId = place === 'session' ? getIdParameter.call(this, 'activityId', 'Session ID', itemIndex) : undefined;
	const options = getOptions.call(this, itemIndex);
	const date = options.date
		? toUnixSeconds(node, itemIndex, 'Time', options.date)
		: String(Math.floor(Date.now() / 1000));
	const code =
		identifyBy === 'personId'
			? await badgeCodeOf.call(this, eventId, getIdParameter.call(this, 'personId', 'Person ID', itemIndex), itemIndex)
			: requireText(node, itemIndex, 'Badge Code', this.getNodeParameter('code', itemIndex));

	const { data } = await inEventApiRequest.call(this, direction === 'in' ? 'checklog.checkIn' : 'checklog.checkOut', {
		qs: { eventID: eventId, code, date, activityID: sessionId },
		itemIndex,
		recover: async () => await findScan.call(this, { eventId, code, date, sessionId, direction }, itemIndex),
	});
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, SCAN_FIELD_TYPES);
}
