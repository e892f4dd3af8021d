import type { IDataObject } from 'n8n-workflow';

/** Alephee's list envelope. */
export interface ListPage {
	Total?: number;
	Paging?: { Limit?: number; Offset?: number; Total?: number };
	Results?: IDataObject[];
}

/** Alephee's default page size, and the size the node asks for. */
export const PAGE_SIZE = 100;

/**
 * Reads a list page by page (`offset`/`limit`) until `Paging.Total` is reached or `wanted`
 * results came. A `206` is a partial page (the endpoint's cap is below the page size asked for):
 * the next page starts after what came, so nothing is skipped.
 */
export async function readAllPages(
	readPage: (page: { offset: number; limit: number }) => Promise<ListPage>,
	wanted?: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	for (let offset = 0; wanted === undefined || results.length < wanted; ) {
		const limit = wanted === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, wanted - results.length);
		const page = await readPage({ offset, limit });
		const got = Array.isArray(page?.Results) ? page.Results : [];
		results.push(...got);
		offset += got.length;
		const total = page?.Paging?.Total ?? page?.Total;
		// An empty page ends the list even if the total says more: asking again would loop forever.
		if (!got.length || total === undefined || offset >= total) break;
	}
	return wanted === undefined ? results : results.slice(0, wanted);
}
