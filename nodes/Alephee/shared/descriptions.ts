import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { type Collection, type Field, field, inCollection } from '../fields/field';
import { countRule, idRule } from '../fields/rules';
import { orderLocator, orderRule, resolveOrder } from './orderLocator';

import { CREDENTIAL_TYPE, DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS, DEFAULT_RATE_LIMIT_RETRIES } from '../transport/request';

/** What the Alephee node and its trigger both declare: the credential they use. */
export const alepheeCredentials: INodeCredentialDescription[] = [{ name: CREDENTIAL_TYPE, required: true }];

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
 * The account every operation works in. Version 1 (0.1.0) took a plain Account ID; from version
 * 1.1 it is picked from the accounts tied to the key, or given by ID or expression. Both send the
 * same `accountId`, so workflows saved with 0.1.0 run unchanged.
 */
export const accountField: Field = field(
	[
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 1234',
			description: 'The Alephee account the order belongs to. It must be an account tied to the API key.',
			displayOptions: { show: { '@version': [1] } },
		},
		{ ...accountLocator, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
	],
	idRule,
	{ query: 'accountId', identifies: true, reported: true },
);

/**
 * The order every single-order operation acts on (one property for all of them: see
 * `resources/assemble.ts`). Versions 1 and 1.1 take Alephee's internal order ID; from 1.2 it is
 * picked from the account's recent orders, given by ID, or by the marketplace's order number,
 * which is resolved to the internal ID before anything is changed. It has no routing: it goes in
 * the path, or, for Delete, in the query (`withQuery`).
 */
export const orderIdField: Field = {
	...field(
		[
			{
				displayName: 'Order ID',
				name: 'orderId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 987654',
				description: "Alephee's internal ID of the order (the ID field of the order in Alephee's API)",
				hint: "Alephee's own order ID, not the marketplace's order number (ExternalOrderId)",
				displayOptions: { show: { '@version': [1, 1.1] } },
			},
			orderLocator,
		],
		orderRule,
		{ identifies: true, reported: true },
	),
	resolve: resolveOrder,
};

/** An operation's Options collection: the rate-limit options, then its own (fields, read and checked, or only shown). */
export function optionsCollection(fields: Field[] = [], extra: INodeProperties[] = []): Collection {
	return {
		property: {
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [...rateLimitOptions, ...fields.flatMap((declared) => declared.properties), ...extra],
		},
		fields: fields.map((declared) => inCollection(declared, 'options')),
	};
}

/** n8n's convention for lists: Return All, else a Limit (default 50), which is a checked field. */
export function returnAllOrLimit(): { returnAll: INodeProperties; limitField: Field } {
	return {
		returnAll: {
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		limitField: field(
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { returnAll: [false] } },
			},
			countRule,
			// n8n hides Limit (and gives no value) when Return All is on.
			{ optional: true },
		),
	};
}

/** Simplify: a flat summary of each result, or the result as Alephee sends it. */
export function simplifyProperty(what: 'the order' | 'each order' | 'each product'): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a flat summary of ${what} instead of ${what === 'each product' ? 'the product' : 'the order'} as Alephee sends it`,
	};
}

/** A text parameter. */
export function textProperty(displayName: string, name: string, description: string, placeholder?: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', description, ...(placeholder ? { placeholder } : {}) };
}

/**
 * The Marketplace filter, from the marketplaces connected to the chosen account. The list is
 * loaded again when the account changes, whichever way it was given.
 */
export const marketplaceFilterProperty: INodeProperties = {
	displayName: 'Marketplace Name or ID',
	name: 'marketplaceId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getMarketplaces', loadOptionsDependsOn: ['accountId', 'accountId.value'] },
	default: '',
	description:
		'Only orders of this marketplace, among those connected to the account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** A date filter: Alephee compares to the minute, with no time zone. */
export function dateFilterProperty(displayName: string, name: string, onlyThose: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		description: `${onlyThose} from this date and time on. Sent to the minute in this workflow's time zone (Settings → Timezone), as Alephee's yyyy-mm-dd HH:mm: set the workflow's time zone to your Alephee account's.`,
	};
}
