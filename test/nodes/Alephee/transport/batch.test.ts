import { NodeApiError } from 'n8n-workflow';

import { forgetLearnedCallSizes, RunBatches, sendInCalls } from '../../../../nodes/Alephee/transport/batch';
import { NodeRun } from '../../../../nodes/Alephee/transport/nodeRun';

/** A run of `count` items that all reached the node, as n8n's pass leaves it. */
function runOf(count: number, stopsOnError = true): NodeRun {
	const run = new NodeRun(count, stopsOnError);
	for (let item = 0; item < count; item++) run.itemStarted();
	return run;
}

const flush = async () => {
	for (let turn = 0; turn < 5; turn++) await Promise.resolve();
};

describe('RunBatches', () => {
	it('hands over the run\'s items as one batch once every one has joined, and gives each its own outcome', async () => {
		const batches: number[][] = [];
		const gatherer = new RunBatches<number, string>(async (entries) => {
			batches.push(entries);
			return entries.map((entry) => `outcome of ${entry}`);
		});
		const run = runOf(3);

		const first = [gatherer.join(run, 1), gatherer.join(run, 2)];
		await flush();
		expect(batches).toEqual([]);
		const outcomes = await Promise.all([...first, gatherer.join(run, 3)]);

		expect(batches).toEqual([[1, 2, 3]]);
		expect(outcomes).toEqual(['outcome of 1', 'outcome of 2', 'outcome of 3']);
	});

	it('does not wait for an item that ended before joining (a value refused before sending)', async () => {
		const batches: number[][] = [];
		const gatherer = new RunBatches<number, number>(async (entries) => {
			batches.push(entries);
			return entries;
		});
		const run = runOf(3);
		const joined = [gatherer.join(run, 0), gatherer.join(run, 2)];
		await flush();
		expect(batches).toEqual([]);
		run.itemSettled();
		await Promise.all(joined);
		expect(batches).toEqual([[0, 2]]);
	});

	it('a slow run is still one batch: it waits for its items, not for a clock', async () => {
		const batches: number[][] = [];
		const gatherer = new RunBatches<number, number>(async (entries) => {
			batches.push(entries);
			return entries;
		});
		const run = runOf(4);
		const joined: Array<Promise<number>> = [];
		for (let entry = 0; entry < 4; entry++) {
			joined.push(gatherer.join(run, entry));
			await new Promise((resolve) => setImmediate(resolve));
		}
		await Promise.all(joined);
		expect(batches).toEqual([[0, 1, 2, 3]]);
	});

	it('keeps different runs apart', async () => {
		const batches: string[][] = [];
		const gatherer = new RunBatches<string, string>(async (entries) => {
			batches.push(entries);
			return entries;
		});
		const a = runOf(2);
		const b = runOf(1);
		await Promise.all([gatherer.join(a, 'a1'), gatherer.join(b, 'b1'), gatherer.join(a, 'a2')]);
		expect(batches).toEqual([['b1'], ['a1', 'a2']]);
	});

	it('a batch that fails as a whole fails every item of it', async () => {
		const gatherer = new RunBatches<number, number>(async () => {
			throw new Error('no credentials');
		});
		const run = runOf(2);
		const outcomes = await Promise.allSettled([gatherer.join(run, 1), gatherer.join(run, 2)]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
	});
});

describe('sendInCalls', () => {
	const node = { id: 'n', name: 'Alephee', type: 'alephee', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	// What the transport throws for a 413: a NodeApiError with its status as httpCode.
	const tooLarge = () => new NodeApiError(node, {}, { message: 'too large', httpCode: '413' });

	interface Entry {
		id: number;
		group: string;
		key: string;
	}
	const entries = (count: number, group = 'a'): Entry[] => Array.from({ length: count }, (_, id) => ({ id, group, key: `k${id}` }));

	// Learned caps last for the process: each test starts from nothing learned.
	beforeEach(() => forgetLearnedCallSizes());

	interface Call {
		ids: number[];
		/** 413, 500, or 200 when processed. */
		status: number;
	}

	function plan(options: { cap?: number; fail?: number[]; firstSize?: number; callSizesId?: string } = {}) {
		const calls: Call[] = [];
		const settings = { cap: options.cap };
		return {
			calls,
			settings,
			sizes: () => calls.map((call) => call.ids.length),
			groupOf: (entry: Entry) => entry.group,
			clash: (a: Entry, b: Entry) => a.key === b.key,
			firstSize: options.firstSize ?? 10,
			callSizesId: options.callSizesId ?? 'key-a POST /things',
			sendCall: async (call: Entry[]) => {
				const ids = call.map((entry) => entry.id);
				if (settings.cap !== undefined && call.length > settings.cap) {
					calls.push({ ids, status: 413 });
					throw tooLarge();
				}
				if (call.some((entry) => options.fail?.includes(entry.id))) {
					calls.push({ ids, status: 500 });
					throw new NodeApiError(node, {}, { message: 'boom', httpCode: '500' });
				}
				calls.push({ ids, status: 200 });
				return call.map((entry) => `ok ${entry.id}`);
			},
			failCall: (call: Entry[], error: unknown) => call.map((entry) => `failed ${entry.id}: ${(error as Error).message}`),
		};
	}

	/** Every entry was processed by exactly one call, and got that call's outcome. */
	function expectEachProcessedOnce(p: ReturnType<typeof plan>, batch: Entry[], outcomes: string[]) {
		const processed = p.calls.filter((call) => call.status === 200).flatMap((call) => call.ids);
		expect([...processed].sort((a, b) => a - b)).toEqual(batch.map((entry) => entry.id));
		expect(outcomes).toEqual(batch.map((entry) => `ok ${entry.id}`));
	}

	/** No call was as large as a size already refused (413) before it. */
	function expectNoKnownRefusedSizeSentAgain(p: ReturnType<typeof plan>) {
		let refused = Number.POSITIVE_INFINITY;
		for (const call of p.calls) {
			expect(call.ids.length).toBeLessThan(refused);
			if (call.status === 413) refused = call.ids.length;
		}
	}

	it('cuts the batch into calls of the first size, outcomes in the entries\' order', async () => {
		const p = plan();
		const outcomes = await sendInCalls(entries(25), p);
		expect(p.sizes()).toEqual([10, 10, 5]);
		expect(outcomes).toEqual(entries(25).map((entry) => `ok ${entry.id}`));
	});

	it('a 413 sends the call again smaller, and the size is searched between the largest accepted and the smallest refused', async () => {
		const p = plan({ cap: 3 });
		const outcomes = await sendInCalls(entries(12), p);
		// 10 and 5 refused; 2 accepted; 3 (halfway to 5) accepted; 4 would save one call at best: not tried.
		expect(p.calls.map((call) => [call.ids.length, call.status])).toEqual([
			[10, 413],
			[5, 413],
			[2, 200],
			[3, 200],
			[3, 200],
			[3, 200],
			[1, 200],
		]);
		expectEachProcessedOnce(p, entries(12), outcomes);
	});

	it('2,000 entries with a cap of 50: at most 50 calls, 413s included, ending with calls of 50; each entry processed once', async () => {
		const p = plan({ cap: 50, firstSize: 1000 });
		const batch = entries(2000);
		const outcomes = await sendInCalls(batch, p);

		expect(p.calls.length).toBeLessThanOrEqual(50);
		expectEachProcessedOnce(p, batch, outcomes);
		expectNoKnownRefusedSizeSentAgain(p);
		const lastRefused = p.calls.map((call) => call.status).lastIndexOf(413);
		const afterSearch = p.sizes().slice(lastRefused + 1);
		// Every full call after the last 413 carries 50; the very last one takes what is left.
		expect(afterSearch.slice(-20, -1)).toEqual(Array(19).fill(50));
		expect(afterSearch.at(-1)).toBeLessThanOrEqual(50);
		expect(p.sizes().slice(-2, -1)).toEqual([50]);
	});

	it('a second batch with the same key starts at the learned size: ceil(N / cap) calls and no 413', async () => {
		await sendInCalls(entries(2000), plan({ cap: 50, firstSize: 1000 }));

		const p = plan({ cap: 50, firstSize: 1000 });
		const outcomes = await sendInCalls(entries(2000), p);

		expect(p.calls).toHaveLength(40);
		expect(p.calls.filter((call) => call.status === 413)).toHaveLength(0);
		expect(new Set(p.sizes())).toEqual(new Set([50]));
		expectEachProcessedOnce(p, entries(2000), outcomes);
	});

	it('another key (or endpoint) learns on its own', async () => {
		await sendInCalls(entries(2000), plan({ cap: 50, firstSize: 1000 }));

		const p = plan({ cap: 50, firstSize: 1000, callSizesId: 'key-b POST /things' });
		await sendInCalls(entries(2000), p);

		expect(p.calls[0]).toMatchObject({ status: 413 });
		expect(p.sizes()[0]).toBe(1000);
	});

	it('a cap lowered since: the remembered size gets a 413, and the batch learns down to the new cap', async () => {
		await sendInCalls(entries(2000), plan({ cap: 50, firstSize: 1000 }));

		const lowered = plan({ cap: 30, firstSize: 1000 });
		const outcomes = await sendInCalls(entries(2000), lowered);

		expect(lowered.calls[0]).toEqual({ ids: entries(50).map((entry) => entry.id), status: 413 });
		expectNoKnownRefusedSizeSentAgain(lowered);
		expectEachProcessedOnce(lowered, entries(2000), outcomes);
		expect(lowered.sizes().slice(-2, -1)).toEqual([30]);
		// No more than the search costs: ceil(2000 / 30) = 67 calls, and a few to find 30 again.
		expect(lowered.calls.length).toBeLessThanOrEqual(67 + 8);

		const next = plan({ cap: 30, firstSize: 1000 });
		await sendInCalls(entries(2000), next);
		expect(next.calls).toHaveLength(67);
		expect(next.calls.filter((call) => call.status === 413)).toHaveLength(0);
	});

	it('an entry too large on its own fails alone, and teaches nothing of the cap', async () => {
		const p = plan({ cap: 0 });
		const outcomes = await sendInCalls(entries(3), p);
		expect(p.sizes()).toEqual([3, 1, 1, 1]);
		expect(outcomes).toEqual([0, 1, 2].map((id) => `failed ${id}: too large`));
	});

	it('keeps groups apart and clashing entries in different calls', async () => {
		const p = plan();
		const batch = [...entries(2, 'a'), ...entries(1, 'b'), { id: 9, group: 'a', key: 'k0' }];
		await sendInCalls(batch, p);
		expect(p.calls.map((call) => call.ids)).toEqual([[0, 1], [9], [0]]);
	});

	it('groups and clashes hold while the size is learned', async () => {
		const p = plan({ cap: 4 });
		// Group a: ids 0-19 with keys k0-k9 twice (an entry and its twin must not share a call); group b: 10 entries.
		const twins = Array.from({ length: 20 }, (_, id) => ({ id, group: 'a', key: `k${id % 10}` }));
		const others = Array.from({ length: 10 }, (_, index) => ({ id: 100 + index, group: 'b', key: `k${index}` }));
		const batch = [...twins, ...others];
		const outcomes = await sendInCalls(batch, p);

		const entryOf = new Map(batch.map((entry) => [entry.id, entry]));
		for (const call of p.calls) {
			const sent = call.ids.map((id) => entryOf.get(id)!);
			expect(new Set(sent.map((entry) => entry.group)).size).toBe(1);
			expect(new Set(sent.map((entry) => entry.key)).size).toBe(sent.length);
		}
		const processed = p.calls.filter((call) => call.status === 200).flatMap((call) => call.ids);
		expect([...processed].sort((a, b) => a - b)).toEqual(batch.map((entry) => entry.id).sort((a, b) => a - b));
		expect(outcomes).toEqual(batch.map((entry) => `ok ${entry.id}`));
		expectNoKnownRefusedSizeSentAgain(p);
	});

	it('a call that fails fails its own entries only, and is not sent again', async () => {
		const p = plan({ fail: [12] });
		const outcomes = await sendInCalls(entries(15), p);
		expect(p.calls).toHaveLength(2);
		expect(outcomes.slice(0, 10).every((outcome) => outcome.startsWith('ok'))).toBe(true);
		expect(outcomes.slice(10)).toEqual([10, 11, 12, 13, 14].map((id) => `failed ${id}: boom`));
	});
});
