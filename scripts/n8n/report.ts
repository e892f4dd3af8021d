/** Reading the Alephee node's output the same way whatever shape a failed item has. */
import type { NodeItem } from './api';

export interface OrderOutcome {
	deleted: boolean;
	orderId?: unknown;
	accountId?: unknown;
	revertStock?: unknown;
	error?: string;
	message?: string;
	[key: string]: unknown;
}

/**
 * A successful item is `{deleted: true, orderId, accountId, revertStock}`. A failed one
 * (Continue On Fail / error output) is `{error, message}`: what happened and how to fix it,
 * with Alephee's own words; on the error output n8n adds the input item's fields to it.
 */
export function outcomeOf(item: NodeItem): OrderOutcome {
	const json = item.json as Record<string, unknown>;
	return { ...json, deleted: json.deleted === true };
}

/** A request line with the API key replaced, for printing. */
export function describeRequest(request: { method: string; path: string; query: Record<string, string>; answeredWith?: number }): string {
	const query = Object.entries(request.query)
		.map(([name, value]) => `${name}=${name === 'API_KEY' ? '<hidden>' : value}`)
		.join('&');
	return `${request.method} ${request.path}?${query} -> ${request.answeredWith ?? 'no answer'}`;
}
