import type { IExecuteData, IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * What the items of one run of the node share. n8n's declarative engine builds every item's
 * request in one synchronous pass, starting each item's hook as it goes, and only then waits for
 * them all. So, by the first `await` of any item, the pass is over and the run knows:
 * - which items started (an item n8n failed itself, such as an expression it could not
 *   evaluate, never starts; without Continue On Fail, n8n has then already ended the run),
 * - and, later, whether an item failed while the node stops on errors.
 * In both cases the run is stopped: no request of it still waiting for its turn is sent.
 */
export class NodeRun {
	private readonly stopping = new AbortController();

	private started = 0;

	private settled = 0;

	private readonly settleListeners = new Set<() => void>();

	private passChecked = false;

	/** What every item of the run reads the same way, read once (the credentials). */
	private readonly sharedReads = new Map<string, Promise<unknown>>();

	/** Per order (or other key): the end of the last item that acts on it, so the next one waits. */
	private readonly turns = new Map<string, Promise<void>>();

	constructor(
		/** How many items n8n handed the node for this run. */
		readonly itemCount: number,
		/** Whether one failed item ends the whole run (no Continue On Fail). */
		readonly stopsOnError: boolean,
	) {}

	/** Raised when the run stops; its reason is the error a waiting item ends with. */
	get stopSignal(): AbortSignal {
		return this.stopping.signal;
	}

	/** How many items reached the node's hook (all of them, unless n8n failed one first). */
	get startedItems(): number {
		return this.started;
	}

	/** How many items have ended (with a result or an error). */
	get settledItems(): number {
		return this.settled;
	}

	/**
	 * What every item reads the same way (the credentials), read once for the run. The items
	 * await the same promise, so they go on in item order, and so take their turn for the rate
	 * limit in item order: read one by one, n8n 2.x answers them in no set order.
	 */
	async readOnce<T>(key: string, read: () => Promise<T>): Promise<T> {
		let pending = this.sharedReads.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = read();
			this.sharedReads.set(key, pending);
		}
		return await pending;
	}

	/** Called synchronously at the very start of an item's hook, during n8n's pass. */
	itemStarted(): void {
		this.started++;
	}

	/** Called when an item's hook ends, whatever its outcome. */
	itemSettled(): void {
		this.settled++;
		for (const listener of [...this.settleListeners]) listener();
	}

	/** Calls `listener` each time an item ends, until the returned function is called. */
	onItemSettled(listener: () => void): () => void {
		this.settleListeners.add(listener);
		return () => this.settleListeners.delete(listener);
	}

	/**
	 * Called after an item's first `await`, when n8n's pass is over. Without Continue On Fail, an
	 * item that never started means n8n failed it and ended the run: nothing more may be sent.
	 */
	checkPass(): void {
		if (this.passChecked) return;
		this.passChecked = true;
		if (this.stopsOnError && this.started < this.itemCount) {
			this.stop(`Not sent: n8n stopped this run at item ${this.started + 1}, before the node could send it`);
		}
	}

	/** Whether n8n ended this run itself, during its pass, so it awaits none of the items' outcomes. */
	get endedByN8n(): boolean {
		return this.passChecked && this.stopsOnError && this.started < this.itemCount;
	}

	/** An item failed: without Continue On Fail, the items still waiting are not sent. */
	itemFailed(itemIndex: number, message: string): void {
		if (this.stopsOnError) this.stop(`Not sent: item ${itemIndex + 1} failed first (${message})`);
	}

	private stop(reason: string): void {
		if (!this.stopping.signal.aborted) this.stopping.abort(new Error(reason));
	}

	/**
	 * Runs `work` after every earlier item of this run that named the same key has finished, so
	 * two changes to one order reach Alephee in item order, whatever the rate limit does.
	 */
	async inTurn<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
		if (key === undefined) return await work();
		const before = this.turns.get(key) ?? Promise.resolve();
		let finish!: () => void;
		const mine = new Promise<void>((resolve) => (finish = resolve));
		this.turns.set(key, mine);
		try {
			await before;
			return await work();
		} finally {
			finish();
			if (this.turns.get(key) === mine) this.turns.delete(key);
		}
	}
}

/**
 * Whether the node runs as an AI agent's tool. There a thrown error reaches the agent as an empty
 * answer (seen on n8n 2.41), so a failure is answered as the failed item instead, in words.
 */
export function runsAsTool(context: IExecuteSingleFunctions): boolean {
	// n8n offers a usableAsTool node to agents as a type of its own, named with a `Tool` suffix.
	return context.getNode().type.endsWith('Tool');
}

/** One record per run: n8n hands every item of a run the same execute data object. */
const runs = new WeakMap<IExecuteData, NodeRun>();

/** The run an item belongs to. Call it synchronously at the start of the item's hook. */
export function nodeRunOf(context: IExecuteSingleFunctions): NodeRun {
	const executeData = context.getExecuteData?.();
	if (!executeData) return new NodeRun(1, !context.continueOnFail());
	let run = runs.get(executeData);
	if (!run) {
		const input = executeData.data?.main ?? executeData.data?.ai_tool;
		run = new NodeRun(input?.[0]?.length ?? 1, !context.continueOnFail());
		runs.set(executeData, run);
	}
	run.itemStarted();
	return run;
}
