import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { StoredCredential } from './credentialsHelper';
import { ActiveTrigger } from './pollTrigger';

/** What n8n keeps of a poll's static-data changes (docs/research/n8n-poll-cursors.md). */
export type Persistence =
	/** 2.41 with N8N_POLLER_DURABLE_CURSORS_ENABLED: saved with the execution on emit, alone on a null poll. */
	| 'durableCursors'
	/** 2.41's durable scheduler without durable cursors: saved on emit only; a null poll's changes are dropped. */
	| 'onEmitOnly';

/** One poll of a tick: what it emitted, and how to make n8n keep it (or not). */
export interface Tick {
	items: IDataObject[];
	/** The tick's static data after its poll (what n8n would save). */
	state: IDataObject;
	/** n8n keeps the tick's static data (and its execution). Not called: the tick was abandoned or failed to commit. */
	commit: () => void;
}

const copy = (value: IDataObject): IDataObject => JSON.parse(JSON.stringify(value)) as IDataObject;

/**
 * A poll trigger as 2.41's durable scheduler runs it: each tick polls a fresh copy of the static
 * data last saved (a snapshot; the in-memory scheduler instead shares one object, see ActiveTrigger),
 * and its changes count only if n8n saves them.
 */
export class TickedTrigger {
	/** The workflow's static data as saved. */
	saved: IDataObject = {};

	/** What was delivered: the items of committed ticks that emitted. */
	readonly delivered: IDataObject[] = [];

	constructor(
		private readonly parameters: INodeParameters,
		private readonly credential: StoredCredential,
		private readonly persistence: Persistence = 'durableCursors',
	) {}

	/** A tick whose outcome the test decides (commit, or abandon by not committing). */
	async tick(): Promise<Tick> {
		const trigger = new ActiveTrigger(this.parameters, this.credential, copy(this.saved));
		const items = await trigger.poll();
		const state = copy(trigger.workflow.staticData as IDataObject);
		delete state.__dataChanged;
		return {
			items,
			state,
			commit: () => {
				if (items.length === 0 && this.persistence === 'onEmitOnly') return;
				this.saved = state;
				this.delivered.push(...items);
			},
		};
	}

	/** A tick n8n completes normally. */
	async poll(): Promise<IDataObject[]> {
		const tick = await this.tick();
		tick.commit();
		return tick.items;
	}
}
