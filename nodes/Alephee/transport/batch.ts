import { NodeApiError, sleep } from 'n8n-workflow';


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
		/**
		 * How long the batch stays open after the last item joined. Items reach it within
		 * milliseconds of each other; the margin covers a busy n8n (each item first reads its
		 * credential), and costs one short wait per run, not per item.
		 */
		private readonly quietMs = 100,
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

/** How a batch is cut into calls, and how one call is sent. */
export interface CallPlan<Entry, Outcome> {
	/** Entries of different groups (another account, another price list) never share a call. */
	groupOf(entry: Entry): string;
	/** Two entries that must not share a call (the API answers by a key they have in common). */
	clash(a: Entry, b: Entry): boolean;
	/** Entries per call to start with. */
	firstSize: number;
	/** Sends one call: an outcome per entry. Throws the transport's error when the call failed. */
	sendCall(entries: Entry[]): Promise<Outcome[]>;
	/** The outcome of every entry of a call that failed as a whole (the transport's error, or a stop). */
	failCall(entries: Entry[], error: unknown): Outcome[];
}

/**
 * Sends a batch in as few calls as the API accepts: a call answered 413 (too large: nothing
 * processed) is sent again in halves, and the rest of the batch keeps the smaller size. No other
 * failure is sent again (429s are retried by the transport, before this sees them).
 */
export async function sendInCalls<Entry, Outcome>(entries: Entry[], plan: CallPlan<Entry, Outcome>): Promise<Outcome[]> {
	const outcomes = new Map<Entry, Outcome>();
	const groups = new Map<string, Entry[]>();
	for (const entry of entries) groups.set(plan.groupOf(entry), [...(groups.get(plan.groupOf(entry)) ?? []), entry]);
	let size = plan.firstSize;
	for (const group of groups.values()) {
		let rest = group;
		while (rest.length) {
			const call = nextCall(rest, size, plan.clash);
			let results: Outcome[];
			try {
				results = await plan.sendCall(call);
			} catch (error) {
				if (error instanceof NodeApiError && error.httpCode === '413' && call.length > 1) {
					size = Math.ceil(call.length / 2);
					continue;
				}
				results = plan.failCall(call, error);
			}
			call.forEach((entry, index) => outcomes.set(entry, results[index]));
			rest = rest.filter((entry) => !outcomes.has(entry));
		}
	}
	return entries.map((entry) => outcomes.get(entry)!);
}

/** The next call: up to `size` entries, in order, none clashing with another. */
function nextCall<Entry>(entries: Entry[], size: number, clash: (a: Entry, b: Entry) => boolean): Entry[] {
	const call: Entry[] = [];
	for (const entry of entries) {
		if (call.length >= size) break;
		if (!call.some((other) => clash(other, entry))) call.push(entry);
	}
	return call;
}
