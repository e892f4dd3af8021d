import {
	ListEndedEarly,
	ListKeptMoving,
	type ListPage,
	PAGE_SIZE,
	type PageRequest,
	type ReadPage,
	readLists,
	readWholeList,
} from '../../../../nodes/Alephee/transport/paging';

/** The old shape of the read, for the tests that only look at the results. */
const readAllPages = async (readPage: ReadPage, wanted?: number) => (await readWholeList(readPage, { wanted })).results;

/** A list of `total` numbered results served by offset/limit, with an optional page cap (206). */
function listOf(total: number, cap = Number.POSITIVE_INFINITY) {
	const asked: Array<{ offset: number; limit: number }> = [];
	const readPage = async ({ offset, limit }: { offset: number; limit: number }): Promise<ListPage> => {
		asked.push({ offset, limit });
		const size = Math.min(limit, cap);
		const results = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, index) => ({ Id: offset + index + 1 }));
		return { Total: total, Paging: { Limit: size, Offset: offset, Total: total }, Results: results };
	};
	return { readPage, asked };
}

const ids = (results: Array<{ Id?: unknown }>) => results.map((result) => result.Id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('readWholeList on a list that does not change', () => {
	it('reads every page until Paging.Total, asking Alephee\'s page size each time', async () => {
		const list = listOf(250);
		expect(ids(await readAllPages(list.readPage))).toEqual(range(1, 250));
		// Each page after the first starts on the last result of the one before (the anchor).
		expect(list.asked).toEqual([
			{ offset: 0, limit: PAGE_SIZE },
			{ offset: 99, limit: PAGE_SIZE },
			{ offset: 198, limit: PAGE_SIZE },
		]);
	});

	it('stops at the limit asked for, and asks no more than it needs', async () => {
		const list = listOf(250);
		expect(ids(await readAllPages(list.readPage, 130))).toEqual(range(1, 130));
		expect(list.asked).toEqual([
			{ offset: 0, limit: 100 },
			{ offset: 99, limit: 31 },
		]);
	});

	it('continues after a partial (206) page from what came, skipping nothing', async () => {
		const list = listOf(95, 40);
		expect(ids(await readAllPages(list.readPage))).toEqual(range(1, 95));
		expect(list.asked.map((page) => page.offset)).toEqual([0, 39, 78]);
	});

	it('an empty list is one request and no results', async () => {
		const list = listOf(0);
		expect(await readAllPages(list.readPage)).toEqual([]);
		expect(list.asked).toHaveLength(1);
	});

	it('an empty page before the total is read once more, then fails (no endless loop, nothing silently lost)', async () => {
		let calls = 0;
		const reading = readAllPages(async () => {
			calls++;
			return { Paging: { Total: 500 }, Results: calls === 1 ? [{ Id: 1 }] : [] };
		});
		await expect(reading).rejects.toEqual(new ListEndedEarly(1, 500));
		await expect(reading).rejects.toBeInstanceOf(ListEndedEarly);
		expect(calls).toBe(3);
	});

	it('an empty page that fills when read again goes on from there', async () => {
		// A partial first page, then the next page (starting on its last result) empty, then whole.
		const answers = [[{ Id: 1 }], [], [{ Id: 1 }, { Id: 2 }]];
		const asked: number[] = [];
		const results = await readAllPages(async ({ offset }: PageRequest) => {
			asked.push(offset);
			return { Paging: { Total: 2 }, Results: answers.shift() ?? [] };
		});
		expect(ids(results)).toEqual([1, 2]);
		expect(asked).toEqual([0, 0, 0]);
	});

	it('reads the envelope\'s Total when Paging is missing', async () => {
		let calls = 0;
		const results = await readAllPages(async ({ offset }: PageRequest) => {
			calls++;
			return { Total: 3, Results: offset === 0 ? [{ Id: 1 }, { Id: 2 }] : [{ Id: 2 }, { Id: 3 }] };
		});
		expect(ids(results)).toEqual([1, 2, 3]);
		expect(calls).toBe(2);
	});
});

/**
 * A live list: IDs kept in ascending order (Alephee's sort by ID or creation date never reorders
 * two results), served by offset/limit, changed by `between` after each page is answered.
 */
function liveList(initial: number[], between: (list: number[], call: number) => void = () => {}) {
	const list = [...initial].sort((a, b) => a - b);
	const asked: PageRequest[] = [];
	const readPage = async ({ offset, limit }: PageRequest): Promise<ListPage> => {
		asked.push({ offset, limit });
		const page: ListPage = {
			Total: list.length,
			Paging: { Limit: limit, Offset: offset, Total: list.length },
			Results: list.slice(offset, offset + limit).map((Id) => ({ Id })),
		};
		between(list, asked.length);
		return page;
	};
	const remove = (id: number) => {
		const at = list.indexOf(id);
		if (at >= 0) list.splice(at, 1);
	};
	const insert = (id: number) => {
		if (list.includes(id)) return;
		list.push(id);
		list.sort((a, b) => a - b);
	};
	return { readPage, asked, list, remove, insert };
}

/** A small seeded random generator, so a failing scenario can be run again. */
function seeded(seed: number) {
	let state = seed;
	return (below: number) => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state % below;
	};
}

describe('readWholeList on a list that changes between pages', () => {
	it('80 orders already read leave the list (integrated, shipped): none of the 300 is skipped, none repeated', async () => {
		const live = liveList(range(1, 300), (list, call) => {
			if (call === 1) for (let id = 1; id <= 80; id++) live.remove(id);
		});
		const { results } = await readWholeList(live.readPage);
		expect(ids(results)).toEqual(range(1, 300));
	});

	it('orders leave ahead of the reader and new ones enter behind it: every order there all along comes out once', async () => {
		const live = liveList(range(1, 300), (list, call) => {
			if (call === 1) for (const id of [50, 60, 150, 151, 250]) live.remove(id);
			if (call === 2) for (const id of [301, 302, 25.5, 175.5]) live.insert(id);
		});
		const out = ids(await readAllPages(live.readPage)) as number[];
		expect(new Set(out).size).toBe(out.length);
		for (const id of range(1, 300).filter((id) => ![150, 151, 250].includes(id))) expect(out).toContain(id);
		// 50 and 60 were read before they left; 301 and 302 entered ahead of the reader.
		expect(out).toEqual(expect.arrayContaining([50, 60, 301, 302]));
		// The reader found its place again by how much the total dropped: one extra call.
		expect(live.asked.map((page) => page.offset)).toEqual([0, 99, 94, 193, 292]);
	});

	it('under random changes between every page, what stays in the list comes out exactly once and nothing twice', async () => {
		for (let scenario = 1; scenario <= 150; scenario++) {
			const random = seeded(scenario);
			const initial = range(1, 150 + random(400));
			let nextId = initial.length + 1;
			const everSeen = new Set(initial);
			const left = new Set<number>();
			const live = liveList(initial, (list) => {
				for (let change = random(60); change > 0; change--) {
					if (random(2) === 0 && list.length) {
						const id = list[random(list.length)];
						live.remove(id);
						left.add(id);
					} else {
						// New orders mostly at the end; an approved payment anywhere among the old IDs.
						const id = random(3) === 0 ? random(nextId) + 0.5 : nextId++;
						live.insert(id);
						everSeen.add(id);
					}
				}
			});
			const out = ids(await readAllPages(live.readPage)) as number[];
			expect({ scenario, repeated: out.length - new Set(out).size }).toEqual({ scenario, repeated: 0 });
			const stayed = initial.filter((id) => !left.has(id));
			expect({ scenario, missing: stayed.filter((id) => !out.includes(id)) }).toEqual({ scenario, missing: [] });
			for (const id of out) expect(everSeen.has(id)).toBe(true);
		}
	});

	it('costs one result of overlap per page when nothing changes: 101 calls for 10,000 results', async () => {
		const live = liveList(range(1, 10_000));
		expect((await readAllPages(live.readPage)).length).toBe(10_000);
		expect(live.asked).toHaveLength(101);
	});

	it('a list that moves faster than it can be read fails in words instead of ending short or never', async () => {
		let next = 1_000_000;
		const live = liveList(range(1, 500), (list) => {
			// Every page, the first 150 orders leave and as many arrive behind them.
			for (const id of list.slice(0, 150)) live.remove(id);
			for (let count = 0; count < 150; count++) live.insert(next++);
		});
		await expect(readAllPages(live.readPage)).rejects.toBeInstanceOf(ListKeptMoving);
		expect(live.asked.length).toBeLessThan(100);
	});
});

describe('readLists (one list asked as several variants)', () => {
	it('an order that moves from the first variant to the second during the read comes out once', async () => {
		const notIntegrated = liveList(range(1, 250));
		const integrated = liveList([]);
		let moved = false;
		const readPage = async (query: Record<string, unknown>) => {
			const page = await (query.Integrated ? integrated : notIntegrated).readPage(query as unknown as PageRequest);
			if (!moved) {
				// The ERP integrates orders 1–120 (some read, some not yet) during the first page.
				moved = true;
				for (let id = 1; id <= 120; id++) {
					notIntegrated.remove(id);
					integrated.insert(id);
				}
			}
			return page;
		};
		const out = ids(await readLists(readPage, [{ Integrated: false }, { Integrated: true }])) as number[];
		expect([...out].sort((a, b) => a - b)).toEqual(range(1, 250));
	});
});
