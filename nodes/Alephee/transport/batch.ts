import { sleep } from 'n8n-workflow';

/**
 * Gathers the items of one node run into one batch. n8n's declarative engine starts every
 * item's request at once, so the items reach the transport within the same moment: each joins
 * the batch of its run, and when no item has joined for a short while the batch is handed over,
 * whole, to be sent in as few calls as the API accepts. Each item gets its own outcome back.
 */
export class BatchGatherer<Entry, Outcome> {
	private readonly open = new Map<string, Array<{ entry: Entry; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void }>>();

	constructor(
		/** Sends a whole batch; one outcome per entry, in the entries' order. */
		private readonly sendBatch: (entries: Entry[]) => Promise<Outcome[]>,
		/** How long the batch stays open after the last item joined. */
		private readonly quietMs = 25,
	) {}

	async join(runKey: string, entry: Entry): Promise<Outcome> {
		let batch = this.open.get(runKey);
		if (!batch) {
			batch = [];
			this.open.set(runKey, batch);
			void this.closeWhenQuiet(runKey);
		}
		const members = batch;
		return await new Promise<Outcome>((resolve, reject) => members.push({ entry, resolve, reject }));
	}

	private async closeWhenQuiet(runKey: string): Promise<void> {
		const members = this.open.get(runKey)!;
		let size = -1;
		while (size !== members.length) {
			size = members.length;
			await sleep(this.quietMs);
		}
		this.open.delete(runKey);
		try {
			const outcomes = await this.sendBatch(members.map((member) => member.entry));
			members.forEach((member, index) => member.resolve(outcomes[index]));
		} catch (error) {
			for (const member of members) member.reject(error);
		}
	}
}
