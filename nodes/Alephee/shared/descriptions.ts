import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS, DEFAULT_RATE_LIMIT_RETRIES } from '../transport/request';

/** The options every operation offers for Alephee's rate limit, under its Options collection. */
export const rateLimitOptions: INodeProperties[] = [
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
