/** How patient the node is with InEvent, per execution (Options › Timeout, Retries). */
export interface TransportSettings {
	/** Per request; InEvent's own SDK waits 30 s. */
	timeoutMs: number;
	/** Extra tries after a transient failure (network, timeout, 5xx, a broken answer). */
	retries: number;
}

export const DEFAULT_SETTINGS: TransportSettings = { timeoutMs: 30_000, retries: 3 };

const settings = new WeakMap<object, TransportSettings>();

export function setTransportSettings(context: object, value: TransportSettings): void {
	settings.set(context, value);
}

export function transportSettingsFor(context: object): TransportSettings {
	return settings.get(context) ?? DEFAULT_SETTINGS;
}
