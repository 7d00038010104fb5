import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { companyLocator, eventLocator } from '../InEvent/actions/common.descriptions';
import { listSearch } from '../InEvent/methods';
import { beginExecution, DEFAULT_EXECUTION_SETTINGS } from '../InEvent/transport';
import { confirmDelivery } from './instant/confirm';
import { errorWithoutUrl, withoutUrl } from './instant/hiddenUrl';
import { createHooks, deleteHooks, hooksExist } from './instant/hooks';
import { HOOK_TYPES } from './instant/hookTypes';
import { forgetDeliveries, receiveDelivery } from './instant/repeats';
import { assertConfirmable, DEFAULT_REPEAT_WINDOW_SECONDS, instantSettingsOf } from './instant/settings';

const eventOptions = HOOK_TYPES.map((type) => ({
	name: type.documented ? type.name : `${type.name} (Inferred)`,
	value: type.value,
	description: `InEvent type "${type.value}"${type.documented ? '' : ", a reading of the help centre's name (inferred)"}${type.companyLevel ? '; company level only' : ''}`,
}));

/** The URL InEvent posts to: n8n's production URL, or its test URL while the editor listens. */
function hookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw errorWithoutUrl(new Error('n8n gave this trigger no webhook URL'), '', context.getNode());
	return url;
}

/** Runs one step of the webhook lifecycle against InEvent; its errors never show the URL. */
async function lifecycle<T>(
	context: IHookFunctions,
	step: (url: string, settings: ReturnType<typeof instantSettingsOf>) => Promise<T>,
): Promise<T> {
	const url = hookUrl(context);
	try {
		const settings = instantSettingsOf(context);
		beginExecution(context, DEFAULT_EXECUTION_SETTINGS);
		return await step(url, settings);
	} catch (error) {
		throw errorWithoutUrl(error, url, context.getNode());
	}
}

/** Whose deliveries: this workflow's node, on n8n's production URL or the editor's test URL (manual mode). */
const triggerScope = (context: IHookFunctions | IWebhookFunctions) =>
	`${context.getWorkflow().id ?? ''}:${context.getNode().id}:${context.getMode() === 'manual' ? 'test' : 'production'}`;

/** One item per object InEvent sent (an object, or each entry of a list), as it sent it. */
function itemsOf(body: unknown): INodeExecutionData[] {
	const entries = Array.isArray(body) ? body : [body];
	return entries.map((entry) => ({
		json:
			entry !== null && typeof entry === 'object' && !Array.isArray(entry)
				? (entry as IDataObject)
				: { body: entry as IDataObject[string] },
	}));
}

export class InEventInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'InEvent Instant Trigger',
		name: 'inEventInstantTrigger',
		icon: { light: 'file:inevent.svg', dark: 'file:inevent.dark.svg' },
		group: ['trigger'],
		// Version 2 from the start: for a webhook node at version 1, n8n first evaluates the Webhook
		// node's old `options.binaryData` expression on every request, which n8n 2.41 runs in its
		// expression sandbox: half the speed in a burst (300 deliveries at once, the instant trigger
		// e2e). From version 2 n8n reads a JSON body straight away.
		version: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow the moment InEvent sends a webhook: registrations, check-ins, session changes',
		defaults: { name: 'InEvent Instant Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'inEventApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'InEvent calls n8n directly: n8n must be reachable from the internet at its webhook URL. Where it is not, use the polling InEvent Trigger.',
				name: 'reachNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Level',
				name: 'level',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Event', value: 'event', description: "Changes in one event's attendees, sessions and check-ins" },
					{ name: 'Company', value: 'company', description: 'Company-wide events, such as a new event created' },
				],
				default: 'event',
			},
			{ ...eventLocator, displayOptions: { show: { level: ['event'] } } },
			{ ...companyLocator, displayOptions: { show: { level: ['company'] } } },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventOptions,
				default: [],
				description:
					"What InEvent reports. Only Activity Enrollment has a documented type string; the others are readings of the help centre's names (inferred): if InEvent refuses one, activation fails naming it.",
			},
			{
				displayName: 'Other Event Types',
				name: 'otherTypes',
				type: 'string',
				default: '',
				placeholder: 'e.g. ticketPurchase',
				description:
					'Type strings InEvent takes that the list lacks, comma-separated; each becomes a webhook of its own',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Confirm With InEvent',
						name: 'confirmWithInEvent',
						type: 'boolean',
						default: false,
						description:
							'Whether to read the attendee, session or event a delivery names back from InEvent before the workflow runs, and drop a delivery InEvent does not confirm (InEvent signs nothing, so anyone who learns the URL could post to it). Costs one or two calls per delivery. Reads "eventID", "personID" or "email", "activityID" and "type" at the top of the payload or in its "data" object (inferred).',
					},
					{
						displayName: 'Ignore Repeats Within (Seconds)',
						name: 'repeatWindowSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_REPEAT_WINDOW_SECONDS,
						description:
							'A delivery identical, byte for byte, to one received this recently is InEvent sending it again and starts nothing. Two real changes differ in the record or the time they carry (inferred). 0 runs every delivery.',
					},
				],
			},
		],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await lifecycle(this, async (url, settings) => await hooksExist(this, settings, url));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await lifecycle(this, async (url, settings) => {
					assertConfirmable(this, settings);
					await createHooks(this, settings, url);
					return true;
				});
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				forgetDeliveries(triggerScope(this));
				return await lifecycle(this, async (url, settings) => {
					await deleteHooks(this, settings.target, url);
					return true;
				});
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData();
		const settings = instantSettingsOf(this);
		// The bytes InEvent sent where n8n kept them, else the parsed body.
		const raw = (this.getRequestObject() as { rawBody?: unknown }).rawBody;
		const sent = Buffer.isBuffer(raw) ? raw.toString('utf8') : body;
		let delivery = receiveDelivery(triggerScope(this), sent, settings.repeatWindowSeconds);
		while (delivery.repeated) {
			// A repeat waits for the first delivery of its body: handled, it starts nothing; failed, it counts instead.
			if (await delivery.earlier) {
				this.logger.info(
					'InEvent Instant Trigger ignored a delivery identical to one it received moments ago (InEvent repeating it)',
				);
				return {};
			}
			delivery = receiveDelivery(triggerScope(this), sent, settings.repeatWindowSeconds);
		}
		if (settings.confirm) {
			const url = this.getNodeWebhookUrl('default') ?? '';
			try {
				beginExecution(this, DEFAULT_EXECUTION_SETTINGS);
				const verdict = await confirmDelivery.call(this, body, settings);
				if (!verdict.confirmed) {
					this.logger.warn(
						withoutUrl(
							`InEvent Instant Trigger dropped a delivery: InEvent did not confirm it (${verdict.reason})`,
							url,
							this.getNode(),
						),
					);
					delivery.settle();
					return {};
				}
			} catch (error) {
				delivery.forget();
				throw errorWithoutUrl(error, url, this.getNode());
			}
		}
		delivery.settle();
		return { workflowData: [itemsOf(body)] };
	}
}
