/** Reading the Alephee node's output the same way whatever shape a failed item has. */
import type { NodeItem } from './api';

export interface OrderOutcome {
	deleted: boolean;
	orderId?: unknown;
	accountId?: unknown;
	revertStock?: unknown;
	error?: string;
	description?: string;
	httpCode?: string;
	alepheeMessage?: string;
	[key: string]: unknown;
}

/**
 * A successful item is `{deleted: true, orderId, accountId, revertStock}`. A failed one
 * (Continue On Fail / error output) carries `error` plus the order's fields, either beside
 * it or under `details` (the shape n8n needs to route an item to the error output).
 */
export function outcomeOf(item: NodeItem): OrderOutcome {
	const { details, ...rest } = item.json as { details?: unknown } & Record<string, unknown>;
	const nested = details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
	const merged = { ...nested, ...rest } as OrderOutcome;
	if (merged.deleted === undefined) merged.deleted = !merged.error;
	return merged;
}

/** A request line with the API key replaced, for printing. */
export function describeRequest(request: { method: string; path: string; query: Record<string, string>; answeredWith?: number }): string {
	const query = Object.entries(request.query)
		.map(([name, value]) => `${name}=${name === 'API_KEY' ? '<hidden>' : value}`)
		.join('&');
	return `${request.method} ${request.path}?${query} -> ${request.answeredWith ?? 'no answer'}`;
}
