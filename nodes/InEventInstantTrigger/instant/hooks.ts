import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';

import { isNotFound } from '../../InEvent/helpers/notFound';
import { inEventApiRequest, inEventApiRequestAllItems } from '../../InEvent/transport';
import { hookTypeOf } from './hookTypes';
import type { HookTarget, InstantSettings } from './settings';

/**
 * What the trigger remembers of the hooks it made, apart for the production URL and the editor's test
 * URL (a test listen must never touch the live hooks). A hint only: the URL decides.
 */
interface HookState extends IDataObject {
	webhookIds?: { production?: string[]; test?: string[] };
}

type Listener = 'production' | 'test';

/** Which of n8n's two URLs this lifecycle call is for: the editor's listen runs in manual mode. */
const listenerOf = (context: IHookFunctions): Listener => (context.getMode() === 'manual' ? 'test' : 'production');

function knownIds(context: IHookFunctions): Set<string> {
	const state = context.getWorkflowStaticData('node') as HookState;
	const ids = state.webhookIds;
	// Before the split, a plain list was the production hooks.
	const list = Array.isArray(ids) ? (listenerOf(context) === 'production' ? ids : []) : ids?.[listenerOf(context)];
	return new Set((list ?? []).map(String));
}

function remember(context: IHookFunctions, hooks: IDataObject[]): void {
	const state = context.getWorkflowStaticData('node') as HookState;
	const ids = Array.isArray(state.webhookIds) ? { production: state.webhookIds as string[] } : (state.webhookIds ?? {});
	state.webhookIds = { ...ids, [listenerOf(context)]: hooks.map((hook) => String(hook.webhookID)) };
}

const sameUrl = (a: unknown, b: string) => String(a ?? '').replace(/\/+$/, '') === b.replace(/\/+$/, '');

interface OwnHooks {
	/** Hooks with this URL (inferred: `webhook.find` rows carry `url`), or made by this trigger and listed without one. */
	current: IDataObject[];
	/** Hooks this trigger made for an earlier URL (n8n's webhook URL changed): InEvent posts them to nowhere. */
	stale: IDataObject[];
}

async function levelHooks(context: IHookFunctions, target: HookTarget): Promise<IDataObject[]> {
	return await inEventApiRequestAllItems.call(
		context,
		'webhook.find',
		{ qs: { [target.key]: target.id } },
		{ returnAll: true, idKey: 'webhookID' },
	);
}

async function ownHooks(context: IHookFunctions, target: HookTarget, url: string): Promise<OwnHooks> {
	const known = knownIds(context);
	const hooks = await levelHooks(context, target);
	const mine = (hook: IDataObject) => known.has(String(hook.webhookID));
	return {
		current: hooks.filter((hook) => sameUrl(hook.url, url) || (hook.url === undefined && mine(hook))),
		stale: hooks.filter((hook) => hook.url !== undefined && !sameUrl(hook.url, url) && mine(hook)),
	};
}

/** Whether every wanted type already has a hook with this URL (a restarted n8n finds its own instead of adding more). */
export async function hooksExist(context: IHookFunctions, settings: InstantSettings, url: string): Promise<boolean> {
	const { current, stale } = await ownHooks(context, settings.target, url);
	const wanted = new Set(settings.types);
	const extra = current.some((hook) => !wanted.has(String(hook.type)));
	const complete = settings.types.every((type) => current.some((hook) => hook.type === type));
	const tidy = complete && !extra && current.length === wanted.size && stale.length === 0;
	if (tidy) remember(context, current);
	// A hook too many (a type no longer chosen, two of one type, one for an old URL) sends create() to tidy up.
	return tidy;
}

async function removeHook(context: IHookFunctions, target: HookTarget, webhookId: string): Promise<void> {
	try {
		await inEventApiRequest.call(context, 'webhook.remove', {
			qs: { webhookID: webhookId, [target.key]: target.id },
			// A removal that may or may not have happened is looked for: gone is done, still there is sent again.
			recover: async () => {
				const still = (await levelHooks(context, target)).some((hook) => String(hook.webhookID) === webhookId);
				return still ? undefined : { count: 0, data: [] };
			},
		});
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
	const findIt = async () => (await ownHooks(context, target, url)).current.find((hook) => hook.type === type);
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
	const { current, stale } = await ownHooks(context, target, url);
	for (const hook of stale) await removeHook(context, target, String(hook.webhookID));
	const kept: IDataObject[] = [];
	for (const hook of current) {
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

/** Removes every hook of this URL at the level, and those it made for an earlier URL (deactivation, the end of a test listen). */
export async function deleteHooks(context: IHookFunctions, target: HookTarget, url: string): Promise<void> {
	const { current, stale } = await ownHooks(context, target, url);
	for (const hook of [...current, ...stale]) await removeHook(context, target, String(hook.webhookID));
	remember(context, []);
}
