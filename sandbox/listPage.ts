/** One page of a list in Alephee's envelope (api-notes.md "Conventions"), for the lists read by offset and limit. */
import { DEFAULT_PAGE_SIZE } from './orderList';
import { badParameter, readInteger } from './queryParameters';

export interface Sort {
	Id: string;
	Name: string;
}

/**
 * The page `offset`/`limit` (default 0/100) of `matching`, each entry as `render` sends it. Asked
 * for more than `cap`: 206 with the first `cap` (a read over its cap, api-notes.md).
 */
export function listPage<T>(
	matching: T[],
	query: Record<string, string>,
	cap: number | undefined,
	sorting: { sortBy: Sort; sorts: readonly Sort[] },
	render: (entry: T) => unknown,
): { status: number; body: unknown } {
	const offset = readInteger(query, 'offset') ?? 0;
	const requested = readInteger(query, 'limit') ?? DEFAULT_PAGE_SIZE;
	if (requested < 1) throw badParameter('limit', 'debe ser mayor que 0');
	const limit = cap !== undefined && requested > cap ? cap : requested;
	return {
		status: limit < requested ? 206 : 200,
		body: {
			Total: matching.length,
			Paging: { Limit: limit, Offset: offset, Total: matching.length },
			SortBy: sorting.sortBy,
			AvailableSorts: sorting.sorts,
			Results: matching.slice(offset, offset + limit).map(render),
		},
	};
}
