import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Shows each property only for the given resource/operation, merged with its own displayOptions. */
export function showOnlyFor(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	const scope: IDisplayOptions = { show: { resource: [resource], operation: [operation] } };
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...scope.show },
		},
	}));
}
