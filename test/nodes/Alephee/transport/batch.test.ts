import { NodeApiError } from 'n8n-workflow';

import { BatchGatherer, sendInCalls } from '../../../../nodes/Alephee/transport/batch';

describe('BatchGatherer', () => {
	it('hands over every item that joined at once as one batch, and gives each its own outcome', async () => {
		const batches: number[][] = [];
		const gatherer = new BatchGatherer<number, string>(async (entries) => {
			batches.push(entries);
			return entries.map((entry) => `outcome of ${entry}`);
		});

		const outcomes = await Promise.all([1, 2, 3].map(async (entry) => await gatherer.join('run-1', entry)));

		expect(batches).toEqual([[1, 2, 3]]);
		expect(outcomes).toEqual(['outcome of 1', 'outcome of 2', 'outcome of 3']);
	});

	it('keeps different runs apart, and starts a new batch once one was handed over', async () => {
		const batches: string[][] = [];
		const gatherer = new BatchGatherer<string, string>(async (entries) => {
			batches.push(entries);
			return entries;
		}, 10);

		await Promise.all([gatherer.join('a', 'a1'), gatherer.join('b', 'b1'), gatherer.join('a', 'a2')]);
		await gatherer.join('a', 'a3');

		expect(batches).toEqual([['a1', 'a2'], ['b1'], ['a3']]);
	});

	it('waits while items keep joining, so a slow run is still one batch', async () => {
		const batches: number[][] = [];
		const gatherer = new BatchGatherer<number, number>(async (entries) => {
			batches.push(entries);
			return entries;
		}, 30);
		const joined: Array<Promise<number>> = [];
		for (let entry = 0; entry < 4; entry++) {
			joined.push(gatherer.join('run', entry));
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		await Promise.all(joined);
		expect(batches).toEqual([[0, 1, 2, 3]]);
	});

	it('a batch that fails as a whole fails every item of it', async () => {
		const gatherer = new BatchGatherer<number, number>(async () => {
			throw new Error('no credentials');
		});
		const outcomes = await Promise.allSettled([gatherer.join('run', 1), gatherer.join('run', 2)]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
	});
});

describe('sendInCalls', () => {
	const node = { id: 'n', name: 'Alephee', type: 'alephee', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const tooLarge = () => new NodeApiError(node, {}, { message: 'too large', httpCode: '413' });

	interface Entry {
		id: number;
		group: string;
		key: string;
	}
	const entries = (count: number, group = 'a'): Entry[] => Array.from({ length: count }, (_, id) => ({ id, group, key: `k${id}` }));

	function plan(options: { cap?: number; fail?: number[] } = {}) {
		const calls: number[][] = [];
		return {
			calls,
			groupOf: (entry: Entry) => entry.group,
			clash: (a: Entry, b: Entry) => a.key === b.key,
			firstSize: 10,
			sendCall: async (call: Entry[]) => {
				calls.push(call.map((entry) => entry.id));
				if (options.cap !== undefined && call.length > options.cap) throw tooLarge();
				if (call.some((entry) => options.fail?.includes(entry.id))) throw new NodeApiError(node, {}, { message: 'boom', httpCode: '500' });
				return call.map((entry) => `ok ${entry.id}`);
			},
			failCall: (call: Entry[], error: unknown) => call.map((entry) => `failed ${entry.id}: ${(error as Error).message}`),
		};
	}

	it('cuts the batch into calls of the first size, outcomes in the entries\' order', async () => {
		const p = plan();
		const outcomes = await sendInCalls(entries(25), p);
		expect(p.calls.map((call) => call.length)).toEqual([10, 10, 5]);
		expect(outcomes).toEqual(entries(25).map((entry) => `ok ${entry.id}`));
	});

	it('a 413 halves the call, and the rest of the batch keeps the smaller size', async () => {
		const p = plan({ cap: 3 });
		const outcomes = await sendInCalls(entries(12), p);
		expect(p.calls.map((call) => call.length)).toEqual([10, 5, 3, 3, 3, 3]);
		expect(outcomes.every((outcome) => outcome.startsWith('ok'))).toBe(true);
	});

	it('keeps groups apart and clashing entries in different calls', async () => {
		const p = plan();
		const batch = [...entries(2, 'a'), ...entries(1, 'b'), { id: 9, group: 'a', key: 'k0' }];
		await sendInCalls(batch, p);
		expect(p.calls).toEqual([[0, 1], [9], [0]]);
	});

	it('a call that fails fails its own entries only, and is not sent again', async () => {
		const p = plan({ fail: [12] });
		const outcomes = await sendInCalls(entries(15), p);
		expect(p.calls).toHaveLength(2);
		expect(outcomes.slice(0, 10).every((outcome) => outcome.startsWith('ok'))).toBe(true);
		expect(outcomes.slice(10)).toEqual([10, 11, 12, 13, 14].map((id) => `failed ${id}: boom`));
	});
});
