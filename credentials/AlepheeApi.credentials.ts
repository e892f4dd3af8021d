import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The credential's Base URL as requests use it, trimmed and without trailing slashes: the
 * expression n8n evaluates for declarative requests (the credential test, the node's routing).
 */
export const BASE_URL_EXPRESSION = '={{String($credentials.baseUrl).trim().replace(/\\/+$/, "")}}';

export class AlepheeApi implements ICredentialType {
	name = 'alepheeApi';

	displayName = 'Alephee API';

	icon: Icon = { light: 'file:alephee.svg', dark: 'file:alephee.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-alephee#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API_KEY that Alephee support issued for your application',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.alephcrm.com/v2',
			required: true,
			description:
				"Alephee's production API. Change it only to reach Alephee's TEST environment or a proxy in front of the API.",
		},
	];

	// Alephee accepts the key only as the API_KEY query parameter. A function rather than a
	// `generic` block: n8n would evaluate an expression for it on every request of a bulk run.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return { ...requestOptions, qs: { ...requestOptions.qs, API_KEY: credentials.apiKey } };
	}

	// Listing the accounts tied to the key is read-only, so testing never changes data.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/accounts',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Alephee did not accept this API key. Check the key, and that Base URL points at the environment the key was issued for.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Alephee refused this API key. Ask Alephee support to check which accounts the key is tied to.',
				},
			},
		],
	};
}
