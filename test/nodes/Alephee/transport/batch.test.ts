import { BatchGatherer } from '../../../../nodes/Alephee/transport/batch';

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
