import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { INEVENT_REGION_URLS, inEventBaseUrl, signIn } from '../nodes/InEvent/transport/token';

const hostOf = (url: string): string => new URL(url).host;

export class InEventApi implements ICredentialType {
	name = 'inEventApi';

	displayName = 'InEvent API';

	icon: Icon = { light: 'file:../icons/inevent.svg', dark: 'file:../icons/inevent.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-inevent/n8n-nodes-inevent#credentials';

	/**
	 * Offered in n8n's HTTP Request node (Predefined Credential Type › InEvent): it signs in and sends
	 * the token there too, but those calls keep no pace with the InEvent node's (README, "Call an Action").
	 */
	httpRequestNode = {
		name: 'InEvent',
		docsUrl: 'https://developers.inevent.com/docs/getting-started',
		apiBaseUrlPlaceholder: `${INEVENT_REGION_URLS.na} (North America) or ${INEVENT_REGION_URLS.eu} (Europe)`,
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: `North America (${hostOf(INEVENT_REGION_URLS.na)})`, value: 'na' },
				{ name: `Europe (${hostOf(INEVENT_REGION_URLS.eu)})`, value: 'eu' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'na',
			description: 'The InEvent data centre that hosts your company. Data and tokens are region-local.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8787/',
			description: 'Root of the InEvent API: a custom domain, or a local InEvent sandbox',
			displayOptions: { show: { region: ['custom'] } },
			required: true,
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'e.g. admin@example.com',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The password of the chosen scope: System scope and Event scope have different passwords',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'options',
			options: [
				{
					name: 'System',
					value: 'system',
					description: 'Full access to your companies and their events (needed for admin operations)',
				},
				{
					name: 'Event',
					value: 'event',
					description: 'Limited to one event, with User-level rights',
				},
			],
			default: 'system',
		},
		{
			displayName: 'Event ID',
			name: 'eventId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 73565',
			displayOptions: { show: { scope: ['event'] } },
			required: true,
		},
		{
			displayName: 'Send Token As',
			name: 'authTransport',
			type: 'options',
			options: [
				{ name: 'Authorization Header (Bearer)', value: 'header' },
				{ name: 'tokenID Query Parameter', value: 'query' },
			],
			default: 'header',
			description: 'How the access token travels with each request. The header keeps it out of URLs and logs.',
		},
		{
			displayName: 'n8n Processes Using This Credential',
			name: 'processes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 1,
			description:
				'How many n8n processes run workflows with this credential at the same time: 1 for a single n8n; in queue mode, the number of workers (plus the main process if it runs executions too). InEvent allows 10 calls per second per sign-in; each process keeps to its share (10 divided by this number) and slows down by itself if InEvent still refuses calls.',
		},
		{
			displayName: 'Token ID',
			name: 'tokenId',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await signIn.call(this, credentials);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.tokenId ?? '');
		const qs: IDataObject = { ...(requestOptions.qs ?? {}) };
		const headers: IDataObject = { Accept: 'application/json', ...(requestOptions.headers ?? {}) };
		if (credentials.authTransport === 'query') {
			qs.tokenID = token;
			delete headers.Authorization;
		} else {
			headers.Authorization = `Bearer ${token}`;
			delete qs.tokenID;
		}
		if (credentials.scope === 'event' && (qs.eventID === undefined || qs.eventID === '')) {
			qs.eventID = String(credentials.eventId ?? '').trim();
		}
		const isRelative = !/^https?:\/\//i.test(requestOptions.url ?? '');
		const baseURL = requestOptions.baseURL || (isRelative ? inEventBaseUrl(credentials) : undefined);
		return { ...requestOptions, ...(baseURL ? { baseURL } : {}), qs, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				`={{$credentials.region === "custom" ? $credentials.baseUrl : ($credentials.region === "eu" ? "${INEVENT_REGION_URLS.eu}" : "${INEVENT_REGION_URLS.na}")}}`,
			url: '/',
			method: 'POST',
			qs: { action: 'api.describe' },
		},
	};
}
