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
 * Alephee's list said it holds more than it gave: a page came back empty before `Paging.Total`
 * was reached, twice in a row. Ending there would lose the rest without a word.
 */
export class ListEndedEarly extends Error {
	constructor(
		readonly read: number,
		readonly total: number,
	) {
		super(`The list stopped after ${read} of ${total} results`);
	}
}

/**
 * Reads a list page by page (`offset`/`limit`) until `Paging.Total` is reached or `wanted`
 * results came. A `206` (or any short page) is a partial page: the next page starts after what
 * came, so nothing is skipped. An empty page before the total is read once more (the list may
 * have been changing), and if it is still empty the read fails with `ListEndedEarly`.
 */
export async function readAllPages(
	readPage: (page: { offset: number; limit: number }) => Promise<ListPage>,
	wanted?: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	let emptyBefore = false;
	for (let offset = 0; wanted === undefined || results.length < wanted; ) {
		const limit = wanted === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, wanted - results.length);
		const page = await readPage({ offset, limit });
		const got = Array.isArray(page?.Results) ? page.Results : [];
		results.push(...got);
		offset += got.length;
		const total = page?.Paging?.Total ?? page?.Total;
		if (total === undefined || offset >= total) break;
		if (!got.length) {
			if (emptyBefore) throw new ListEndedEarly(offset, total);
			emptyBefore = true;
			continue;
		}
		emptyBefore = false;
	}
	return wanted === undefined ? results : results.slice(0, wanted);
}
