import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import type { Send } from './operation';

/** Alephee's list envelope. */
export interface ListPage {
	Total?: number;
	Paging?: { Limit?: number; Offset?: number; Total?: number };
	Results?: IDataObject[];
}

/** Alephee's default page size, and the size the node asks for. */
export const PAGE_SIZE = 100;

/** One page request: where in the list it starts and how many results it asks for. */
export interface PageRequest {
	offset: number;
	limit: number;
}

export type ReadPage = (page: PageRequest) => Promise<ListPage>;

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
 * The list changed faster than it could be read: finding the place again took more calls than
 * the list has pages, several times over. Better a worded failure than a read that never ends.
 */
export class ListKeptMoving extends Error {
	constructor(
		readonly read: number,
		readonly calls: number,
	) {
		super(`The list kept changing while it was read (${read} results after ${calls} calls)`);
	}
}

/**
 * What tells two results of a list apart: an order's or a store's `Id`, a product's
 * `Identification.Id`; else the whole result, so that identical results count as one.
 */
export function resultKey(result: IDataObject): string {
	const identification = result.Identification as IDataObject | undefined;
	const id = result.Id ?? (identification && typeof identification === 'object' ? identification.Id : undefined);
	return id !== undefined && id !== null && typeof id !== 'object' ? `id:${String(id)}` : `json:${JSON.stringify(result)}`;
}

/** The results of a read, and the keys of what was output (shared by the reads of one operation). */
export interface ReadOutcome {
	results: IDataObject[];
	/** Keys of results already output: a result met again (in a later page or list) is not output twice. */
	output: Set<string>;
}

/**
 * Reads a whole list page by page (`offset`/`limit`) while the account may be changing under it,
 * until `Paging.Total` is reached or `wanted` results came.
 *
 * A live list moves: an order that leaves it (integrated, shipped) moves every later one a place
 * to the left, one that enters (a payment approved) a place to the right, so plain offset paging
 * skips results that never changed. So each page after the first starts one result early, on the
 * last result of the page before (the anchor), and must contain a result this read has already
 * met. Then, because Alephee's sorts (ID, creation date) never reorder two results, every result
 * after that one is on this page or later, and none before it was missed. A page without one
 * means the list moved left past it: the read steps back (by how much `Paging.Total` dropped,
 * else nearly a page) and reads again. A result met twice is output once. Where the list keeps
 * moving faster than it can be read, the read fails with `ListKeptMoving` rather than end short.
 *
 * When nothing changes this costs one result of overlap per page: 101 calls for 10,000 results.
 * A `206` (or any short page) is a partial page: the next page starts at its last result. An
 * empty first page before the total is read once more, then fails with `ListEndedEarly`.
 */
export async function readWholeList(
	readPage: ReadPage,
	options: { wanted?: number; output?: Set<string> } = {},
): Promise<ReadOutcome> {
	const { wanted } = options;
	const output = options.output ?? new Set<string>();
	const results: IDataObject[] = [];
	// What this read has met in this list (the anchors); `output` may hold results of other lists.
	const met = new Set<string>();
	let offset = 0;
	let anchored = false;
	let total: number | undefined;
	let largestTotal = 0;
	let emptyBefore = false;
	let calls = 0;
	while (wanted === undefined || results.length < wanted) {
		const overlap = anchored ? 1 : 0;
		const limit = wanted === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, wanted - results.length + overlap);
		const page = await readPage({ offset, limit });
		calls++;
		const got = Array.isArray(page?.Results) ? page.Results : [];
		const pageTotal = page?.Paging?.Total ?? page?.Total;
		largestTotal = Math.max(largestTotal, pageTotal ?? 0, offset + got.length);
		if (calls > 10 + 3 * Math.ceil(largestTotal / Math.max(1, limit - 1))) throw new ListKeptMoving(results.length, calls);
		if (!got.length && pageTotal !== undefined && offset < pageTotal) {
			// Empty where the list says it goes on: read once more, then say so.
			if (emptyBefore) throw new ListEndedEarly(results.length, pageTotal);
			emptyBefore = true;
			continue;
		}
		emptyBefore = false;
		const keys = got.map(resultKey);
		if (anchored && !keys.some((key) => met.has(key))) {
			// The list moved left past the anchor (results before it left): step back and look again.
			const dropped = total !== undefined && pageTotal !== undefined ? total - pageTotal : 0;
			offset = Math.max(0, offset - (dropped > 0 ? dropped : Math.max(limit - 1, 1)));
			anchored = offset > 0;
			total = pageTotal;
			continue;
		}
		got.forEach((result, index) => {
			met.add(keys[index]);
			if (output.has(keys[index])) return;
			output.add(keys[index]);
			results.push(result);
		});
		total = pageTotal;
		const end = offset + got.length;
		if (pageTotal === undefined || end >= pageTotal) break;
		// The next page starts on this page's last result, unless the page was that result alone
		// (a cap of one per page): then there is nothing to gain and the read goes straight on.
		anchored = got.length > overlap;
		offset = anchored ? end - 1 : end;
	}
	return { results: wanted === undefined ? results : results.slice(0, wanted), output };
}

/**
 * Reads a list asked as several query variants, one after the other (Alephee has no "either"
 * value for some filters, so "either" is asked as both), each read whole while it may change:
 * a result listed by two variants (an order integrated during the read) is output once.
 */
export async function readLists(
	readPage: (query: IDataObject) => Promise<ListPage>,
	lists: IDataObject[],
	wanted?: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const output = new Set<string>();
	for (const list of lists) {
		if (wanted !== undefined && results.length >= wanted) break;
		const rest = wanted === undefined ? undefined : wanted - results.length;
		const read = await readWholeList(async (page) => await readPage({ ...list, ...page }), { wanted: rest, output });
		results.push(...read.results);
	}
	return results;
}

/**
 * A list operation's pages: all of them with Return All, else up to `limit` results. `lists`
 * are the query variants to read one after the other (see `readLists`).
 */
export async function readRequestedPages(
	this: IExecutePaginationFunctions,
	send: Send,
	limit: unknown,
	lists: IDataObject[] = [{}],
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const wanted = returnAll ? undefined : Number(limit ?? 50);
	return await readLists(async (qs) => (await send({ qs })).body as ListPage, lists, wanted);
}
