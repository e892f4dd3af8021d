import type { IDataObject } from 'n8n-workflow';

/**
 * A request's path with its `{name}` parts filled from the item's checked values, as in
 * `/orders/{orderId}/messages`. IDs in a path do not make a new endpoint for the rate-limit
 * budget (`request.ts`), so every order shares one.
 */
export function pathOf(url: string, values: IDataObject): string {
	return url.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}
