import { ListEndedEarly, type ListPage, PAGE_SIZE, readAllPages } from '../../../../nodes/Alephee/transport/paging';

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

describe('readAllPages', () => {
	it('reads every page until Paging.Total, asking Alephee\'s page size each time', async () => {
		const list = listOf(250);
		expect(ids(await readAllPages(list.readPage))).toEqual(range(1, 250));
		expect(list.asked).toEqual([
			{ offset: 0, limit: PAGE_SIZE },
			{ offset: 100, limit: PAGE_SIZE },
			{ offset: 200, limit: PAGE_SIZE },
		]);
	});

	it('stops at the limit asked for, and asks no more than it needs', async () => {
		const list = listOf(250);
		expect(ids(await readAllPages(list.readPage, 130))).toEqual(range(1, 130));
		expect(list.asked).toEqual([
			{ offset: 0, limit: 100 },
			{ offset: 100, limit: 30 },
		]);
	});

	it('continues after a partial (206) page from what came, skipping nothing', async () => {
		const list = listOf(95, 40);
		expect(ids(await readAllPages(list.readPage))).toEqual(range(1, 95));
		expect(list.asked.map((page) => page.offset)).toEqual([0, 40, 80]);
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
		const answers = [[{ Id: 1 }], [], [{ Id: 2 }]];
		const asked: number[] = [];
		const results = await readAllPages(async ({ offset }) => {
			asked.push(offset);
			return { Paging: { Total: 2 }, Results: answers.shift() ?? [] };
		});
		expect(ids(results)).toEqual([1, 2]);
		expect(asked).toEqual([0, 1, 1]);
	});

	it('reads the envelope\'s Total when Paging is missing', async () => {
		let calls = 0;
		const results = await readAllPages(async ({ offset }) => {
			calls++;
			return { Total: 3, Results: offset === 0 ? [{ Id: 1 }, { Id: 2 }] : [{ Id: 3 }] };
		});
		expect(ids(results)).toEqual([1, 2, 3]);
		expect(calls).toBe(2);
	});
});
