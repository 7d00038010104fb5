import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';

import { inEventApiRequest, inEventApiRequestAllItems, isNotFound } from '../../InEvent/transport';
import { hookTypeOf } from './hookTypes';
import type { HookTarget, InstantSettings } from './settings';

/** What the trigger remembers of its hooks between activation and deactivation (a hint: the URL decides). */
interface HookState extends IDataObject {
	webhookIds?: string[];
}

function stateOf(context: IHookFunctions): HookState {
	return context.getWorkflowStaticData('node') as HookState;
}

const sameUrl = (a: unknown, b: string) => String(a ?? '').replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * This trigger's hooks among the level's: those with its URL (inferred: `webhook.find` rows carry
 * `url`), or an ID it was given when it made them.
 */
async function ownHooks(context: IHookFunctions, target: HookTarget, url: string): Promise<IDataObject[]> {
	const known = new Set(stateOf(context).webhookIds ?? []);
	const hooks = await inEventApiRequestAllItems.call(
		context,
		'webhook.find',
		{ qs: { [target.key]: target.id } },
		{ returnAll: true, idKey: 'webhookID' },
	);
	return hooks.filter((hook) => sameUrl(hook.url, url) || known.has(String(hook.webhookID)));
}

function remember(context: IHookFunctions, hooks: IDataObject[]): void {
	stateOf(context).webhookIds = hooks.map((hook) => String(hook.webhookID));
}

/** Whether every wanted type already has a hook with this URL (a restarted n8n finds its own instead of adding more). */
export async function hooksExist(context: IHookFunctions, settings: InstantSettings, url: string): Promise<boolean> {
	const own = await ownHooks(context, settings.target, url);
	const wanted = new Set(settings.types);
	const extra = own.some((hook) => !wanted.has(String(hook.type)));
	const complete = settings.types.every((type) => own.some((hook) => hook.type === type));
	if (complete && !extra) remember(context, own);
	// A hook too many (a type no longer chosen, two of one type) sends create() to tidy up.
	return complete && !extra && own.length === wanted.size;
}

async function removeHook(context: IHookFunctions, target: HookTarget, webhookId: string): Promise<void> {
	try {
		await inEventApiRequest.call(context, 'webhook.remove', { qs: { webhookID: webhookId, [target.key]: target.id } });
	} catch (error) {
		// Already gone: that is what was wanted.
		if (!isNotFound(error)) throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/** Why activation failed for one type: InEvent's message, with the type named. */
function hookRefused(
	context: IHookFunctions,
	type: string,
	refusal: unknown,
	cleanupFailure?: unknown,
): NodeOperationError {
	const hookType = hookTypeOf(type);
	const named = hookType ? `${hookType.name} (${type})` : `"${type}"`;
	const left = cleanupFailure
		? `; the hooks already registered could not be removed (${messageOf(cleanupFailure)}): deactivate the workflow again to remove them`
		: '';
	return new NodeOperationError(
		context.getNode(),
		`The webhook for ${named} was not registered: ${messageOf(refusal)}${left}`,
	);
}

const messageOf = (error: unknown) => String((error as { message?: unknown } | undefined)?.message ?? error);

async function createHook(
	context: IHookFunctions,
	target: HookTarget,
	type: string,
	url: string,
): Promise<IDataObject> {
	const findIt = async () => (await ownHooks(context, target, url)).find((hook) => hook.type === type);
	const { data } = await inEventApiRequest.call(context, 'webhook.create', {
		qs: { [target.key]: target.id },
		body: { type, url },
		// A create that may or may not have happened is looked for, never sent twice blindly.
		recover: async () => {
			const found = await findIt();
			return found ? { count: 1, data: [found] } : undefined;
		},
	});
	const made = data[0];
	if (made?.webhookID !== undefined) return made;
	// The answer's shape is inferred: without an ID in it, the hook is looked up.
	const found = await findIt();
	if (!found)
		throw new Error('InEvent answered webhook.create without the new webhook, and webhook.find does not list it');
	return found;
}

/**
 * One hook per wanted type (those with this URL already there are kept, others of this URL removed).
 * If InEvent refuses one, every hook of this URL is removed again and the refusal names the type.
 */
export async function createHooks(context: IHookFunctions, settings: InstantSettings, url: string): Promise<void> {
	const { target } = settings;
	const own = await ownHooks(context, target, url);
	const kept: IDataObject[] = [];
	for (const hook of own) {
		const duplicate = kept.some((other) => other.type === hook.type);
		if (settings.types.includes(String(hook.type)) && !duplicate) kept.push(hook);
		else await removeHook(context, target, String(hook.webhookID));
	}
	const made = [...kept];
	remember(context, made);
	for (const type of settings.types) {
		if (made.some((hook) => hook.type === type)) continue;
		try {
			made.push(await createHook(context, target, type, url));
			remember(context, made);
		} catch (error) {
			const cleanupFailure = await deleteHooks(context, target, url).then(
				() => undefined,
				(failure: unknown) => failure ?? 'unknown failure',
			);
			throw hookRefused(context, type, error, cleanupFailure);
		}
	}
}

/** Removes every hook of this URL at the level (deactivation, and the end of a test listen). */
export async function deleteHooks(context: IHookFunctions, target: HookTarget, url: string): Promise<void> {
	for (const hook of await ownHooks(context, target, url)) {
		await removeHook(context, target, String(hook.webhookID));
	}
	remember(context, []);
}
