import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { beginExecution, DEFAULT_EXECUTION_SETTINGS } from '../transport';
import * as searches from './listSearch';
import * as options from './loadOptions';

type EditorMethod = (this: ILoadOptionsFunctions, ...args: never[]) => Promise<unknown>;

/**
 * Each list search and load-options call is an entry point of its own: it begins its execution's
 * settings before any request, at the defaults (the editor has no Options to read).
 */
function beginningAtDefaults<Methods extends Record<string, EditorMethod>>(methods: Methods): Methods {
	const begun: Record<string, EditorMethod> = {};
	for (const [name, method] of Object.entries(methods)) {
		begun[name] = async function (this: ILoadOptionsFunctions, ...args: never[]): Promise<unknown> {
			beginExecution(this, DEFAULT_EXECUTION_SETTINGS);
			return await method.apply(this, args);
		};
	}
	return begun as Methods;
}

export const listSearch = beginningAtDefaults({ ...searches });
export const loadOptions = beginningAtDefaults({ ...options });
