/**
 * What n8n's editor should show for this package, read from the node and credential descriptions
 * and from the sandbox's data rather than written out again.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { InEventApi } from '../../../credentials/InEventApi.credentials';
import { InEvent } from '../../../nodes/InEvent/InEvent.node';
import { InEventTrigger } from '../../../nodes/InEventTrigger/InEventTrigger.node';
import { SANDBOX_FIXTURES } from '../../../sandbox';
import { REPORT_COLUMNS } from '../../../sandbox/actions/reportColumns';
import type { Sandbox } from '../../../sandbox';

function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	return (property?.options ?? []).filter((option): option is INodePropertyOptions => 'value' in option);
}

/** The node panel's action names: each operation's `action` text, over every resource. */
export function actionNames(): string[] {
	return new InEvent().description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => optionsOf(property).map((option) => String(option.action ?? option.name)));
}

/**
 * The InEvent app's header in the node panel once opened: n8n merges the trigger into the action
 * node of the same name, so the header shows the action node's name over the trigger's description.
 */
export function appHeader(): { title: string; description: string } {
	return { title: new InEvent().description.displayName, description: new InEventTrigger().description.description };
}

/** The InEvent node's resources (Event, Attendee, Session…), as its Resource field names them. */
export function resourceNames(): string[] {
	const resource = new InEvent().description.properties.find((property) => property.name === 'resource');
	return optionsOf(resource).map((option) => option.name);
}

/** The node panel's trigger names: n8n shows each "Trigger On" option as "On <name in lower case>". */
export function triggerNames(): string[] {
	const triggerOn = new InEventTrigger().description.properties.find((property) => property.name === 'event');
	return optionsOf(triggerOn).map((option) => `On ${option.name.toLowerCase()}`);
}

const credentialProperties = new InEventApi().properties;

/** The credential's option labels of one options field (Region, Scope…). */
export function credentialOptionNames(field: string): string[] {
	return optionsOf(credentialProperties.find((property) => property.name === field)).map((option) => option.name);
}

/** Every field a person can fill in (the token n8n stores is hidden). */
export function credentialFieldNames(): string[] {
	return credentialProperties.filter((property) => property.type !== 'hidden').map((property) => property.name);
}

/** The fields the form should show for these choices, by the fields' displayOptions. */
export function credentialFieldsShownFor(choices: Record<string, string>): string[] {
	return credentialProperties
		.filter((property) => property.type !== 'hidden')
		.filter((property) =>
			Object.entries(property.displayOptions?.show ?? {}).every(([field, values]) =>
				(values ?? []).some((value) => value === choices[field]),
			),
		)
		.map((property) => property.name);
}

/** The credential option label for a value (e.g. region "eu"). */
export function credentialOptionName(field: string, value: string): string {
	const option = optionsOf(credentialProperties.find((property) => property.name === field)).find(
		(candidate) => candidate.value === value,
	);
	if (!option) throw new Error(`the credential has no ${field} option "${value}"`);
	return option.name;
}

/** The sandbox events the admin's System credential reaches, as the Event list names them. */
export function eventListNames(sandbox: Sandbox): string[] {
	const { admin } = SANDBOX_FIXTURES;
	return [...sandbox.store.companies.values()]
		.filter((company) => company.adminPersonIDs.has(admin.personId))
		.flatMap((company) => sandbox.store.eventsOfCompany(company.companyID))
		.map((event) => `${event.name} (${event.eventID})`);
}

/** The attendee-report columns the sandbox's `event.report.personSchema` answers, by name. */
export function reportColumnNames(): string[] {
	return REPORT_COLUMNS.map((column) => column.name);
}
