import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS, DEFAULT_RATE_LIMIT_RETRIES } from '../transport/request';

/** The options every operation offers for Alephee's rate limit, under its Options collection. */
const rateLimitOptions: INodeProperties[] = [
	{
		displayName: 'Longest Rate Limit Wait (Seconds)',
		name: 'maxRateLimitWait',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
		description:
			"The longest wait Alephee's rate limit may impose before the item fails instead. Alephee's limit counts requests per minute, so a longer wait usually means the API key is blocked.",
	},
	{
		displayName: 'Rate Limit Retries',
		name: 'rateLimitRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: DEFAULT_RATE_LIMIT_RETRIES,
		description:
			"How many times to retry a request that Alephee refused because the API key's rate limit was reached. The node already paces its requests to the limit Alephee announces, so this is rarely needed.",
	},
];

/** The account picker: from the accounts tied to the key, or by ID (an expression works in either). */
export const accountLocator: INodeProperties = {
	displayName: 'Account',
	name: 'accountId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The Alephee account to work in. It must be an account tied to the API key.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an account…',
			typeOptions: { searchListMethod: 'searchAccounts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1234',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'An account ID is a whole number, such as 1234' },
				},
			],
		},
	],
};

/**
 * The account every order operation works in. Version 1 (0.1.0) took a plain Account ID; from
 * version 1.1 it is picked from the accounts tied to the key, or given by ID or expression. Both
 * send the same `accountId`, so workflows saved with 0.1.0 run unchanged.
 */
export function accountFields(show: Record<string, string[]>): INodeProperties[] {
	const routing: INodeProperties['routing'] = { send: { type: 'query', property: 'accountId' } };
	return [
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 1234',
			description: 'The Alephee account the order belongs to. It must be an account tied to the API key.',
			displayOptions: { show: { ...show, '@version': [1] } },
			routing,
		},
		{
			...accountLocator,
			displayOptions: { show: { ...show, '@version': [1.1] } },
			routing,
		},
	];
}

/**
 * Alephee's internal order ID, as every single-order operation asks for it: one property for
 * all of them, because n8n evaluates an expression once per property that bears its name, shown
 * or not. Each operation puts it where its request needs it.
 */
export const orderIdField: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 987654',
	description: "Alephee's internal ID of the order (the ID field of the order in Alephee's API)",
	hint: "Alephee's own order ID, not the marketplace's order number (ExternalOrderId)",
	displayOptions: { show: { resource: ['order'], operation: ['delete', 'get', 'updateStatus'] } },
};

/** An operation's Options collection: the rate-limit options, and any of its own. */
export function optionsField(show: Record<string, string[]>, own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...rateLimitOptions, ...own],
	};
}

/** n8n's convention for lists: Return All, else a Limit (default 50). */
export function returnAllFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
