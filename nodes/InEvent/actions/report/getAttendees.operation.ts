import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { getIdParameter, getOptions } from '../../helpers/parameters';
import { toTypedOutput } from '../../helpers/types';
import { invalidInput } from '../../helpers/validation';
import { inEventApiReadPages } from '../../transport';
import { eventLocator, optionsCollection, typedOutputOption } from '../common.descriptions';
import { columnTypes, REPORT_LOCATION, reportColumns } from './reportSchema';
import type { ReportColumn } from './reportSchema';
import { reportFile } from './reportFile';

const properties: INodeProperties[] = [
	eventLocator,
	{
		displayName: 'Column Names or IDs',
		name: 'columns',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getReportColumns', loadOptionsDependsOn: ['eventId.value'] },
		default: [],
		description:
			'Columns of the report, in this order; none chosen means every column. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'CSV File', value: 'csv', description: 'One item holding the report as a CSV file (binary data)' },
			{ name: 'Excel File (XLSX)', value: 'xlsx', description: 'One item holding the report as an Excel workbook' },
			{ name: 'One Item per Attendee', value: 'items', description: 'One item per report row' },
		],
		default: 'csv',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { output: ['csv', 'xlsx'] } },
	},
	optionsCollection(
		[
			{
				displayName: 'Add BOM (for Excel)',
				name: 'bom',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/output': ['csv'] } },
				description: 'Whether to start the file with a UTF-8 byte order mark, so Excel shows accents and emoji right',
			},
			{
				displayName: 'Delimiter',
				name: 'delimiter',
				type: 'options',
				displayOptions: { show: { '/output': ['csv'] } },
				options: [
					{ name: 'Comma', value: 'comma' },
					{ name: 'Semicolon', value: 'semicolon' },
					{ name: 'Tab', value: 'tab' },
				],
				default: 'comma',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. attendees.csv',
				description: 'Name of the file; empty means attendees-&lt;event ID&gt;.csv (or .xlsx)',
				displayOptions: { show: { '/output': ['csv', 'xlsx'] } },
			},
			{
				displayName: 'Header Row',
				name: 'header',
				type: 'options',
				displayOptions: { show: { '/output': ['csv', 'xlsx'] } },
				options: [
					{ name: 'Column Names', value: 'names', description: 'E.g. "First Name".' },
					{ name: 'Column Keys', value: 'keys', description: 'E.g. "firstName".' },
				],
				default: 'names',
			},
			{
				displayName: 'Sort By Column Name or ID',
				name: 'order',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getReportColumns', loadOptionsDependsOn: ['eventId.value'] },
				default: '',
				description:
					'Column the rows are sorted by (InEvent\'s default: person ID). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Sort Descending',
				name: 'descending',
				type: 'boolean',
				default: false,
				description: 'Whether to sort from the highest value down',
			},
		],
		{
			typedOutput: {
				...typedOutputOption,
				description:
					"Whether to convert InEvent's strings: yes/no columns to true/false, dates to ISO 8601 (in an Excel file, date cells on the workflow's time zone), numbers to numbers (IDs stay strings)",
			},
		},
	),
];

export const description = showOnlyFor('report', 'getAttendees', properties);

/** The chosen columns, checked against the event's report schema (none chosen = all of them). */
function chosenColumns(this: IExecuteFunctions, itemIndex: number, available: ReportColumn[]): ReportColumn[] {
	const wanted = this.getNodeParameter('columns', itemIndex, []) as string[];
	if (wanted.length === 0) return available;
	const byKey = new Map(available.map((column) => [column.key, column]));
	const unknown = wanted.filter((key) => !byKey.has(key));
	if (unknown.length > 0) {
		throw invalidInput(
			this.getNode(),
			itemIndex,
			`Columns: ${unknown.map((key) => `"${key}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a report column of this event (it has ${available.map(({ key }) => key).join(', ')})`,
		);
	}
	return [...new Set(wanted)].map((key) => byKey.get(key)!);
}

/**
 * The attendee spreadsheet report (`event.report.personReport`). InEvent answers JSON rows (no file
 * format is documented), so the CSV or XLSX file is built here, page by page as the report is read,
 * so a long report is never held whole; Typed Output applies to files too. personID is always asked
 * for so a row is never taken twice if the list shifts, and dropped again when not chosen.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const output = this.getNodeParameter('output', itemIndex, 'csv') as string;
	const options = getOptions.call(this, itemIndex);
	const available = await reportColumns.call(this, eventId, itemIndex);
	const columns = chosenColumns.call(this, itemIndex, available);
	const order = typeof options.order === 'string' && options.order !== '' ? options.order : undefined;
	if (order && !available.some(({ key }) => key === order)) {
		throw invalidInput(node, itemIndex, `Sort By: "${order}" is not a report column of this event`);
	}
	const keys = columns.map(({ key }) => key);
	const requested = keys.includes('personID') ? keys : [...keys, 'personID'];
	const types = columnTypes(columns);
	const typedOutput = options.typedOutput === true;
	const recordOf = (row: IDataObject): IDataObject => {
		const record: IDataObject = Object.fromEntries(keys.map((key) => [key, row[key] ?? '']));
		return typedOutput ? toTypedOutput(record, types) : record;
	};
	const readReport = async (visit: (records: IDataObject[]) => void | Promise<void>) =>
		await inEventApiReadPages.call(
			this,
			'event.report.personReport',
			{
				qs: {
					eventID: eventId,
					location: REPORT_LOCATION,
					order,
					orderDirection: order ? (options.descending === true ? 'desc' : 'asc') : undefined,
				},
				body: { schema: JSON.stringify(requested) },
				itemIndex,
			},
			{ returnAll: true, idKey: 'personID' },
			async (page) => await visit(page.map(recordOf)),
		);

	if (output === 'items') {
		const records: IDataObject[] = [];
		await readReport((page) => {
			for (const record of page) records.push(record);
		});
		return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(records), {
			itemData: { item: itemIndex },
		});
	}

	const file = reportFile({
		output: output === 'xlsx' ? 'xlsx' : 'csv',
		header: options.header === 'keys' ? keys : columns.map(({ name }) => name),
		keys,
		dateKeys: typedOutput ? types.timestamps : [],
		options,
		timeZone: this.getTimezone(),
	});
	const { read } = await readReport(async (page) => await file.writer.addRows(page.map(file.cellsOf)));
	const fileName = String(options.fileName ?? '').trim() || `attendees-${eventId}.${file.extension}`;
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim() || 'data';
	const binary = await this.helpers.prepareBinaryData(await file.writer.finish(), fileName, file.mimeType);
	return [
		{
			json: { eventId, rows: read, columns: keys, fileName },
			binary: { [binaryPropertyName]: binary },
			pairedItem: { item: itemIndex },
		},
	];
}
