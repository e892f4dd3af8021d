/** Endpoints with IDs in their path (`GET /v2/accounts/{accountId}/stores`), matched to a request's path. */

export interface PathRoute<E extends string> {
	endpoint: E;
	/** The path's parts by name (`accountId`, `orderId`), as sent (decoded). */
	params: Record<string, string>;
}

export function matchPathRoute<E extends string>(method: string, path: string, endpoints: readonly E[]): PathRoute<E> | undefined {
	for (const endpoint of endpoints) {
		const [endpointMethod, template] = endpoint.split(' ');
		if (endpointMethod !== method || !template.includes('{')) continue;
		const names: string[] = [];
		const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
			names.push(name);
			return '([^/]+)';
		});
		const match = new RegExp(`^${pattern}$`).exec(path);
		if (match) return { endpoint, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])])) };
	}
	return undefined;
}
