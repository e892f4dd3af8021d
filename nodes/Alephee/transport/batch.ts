
import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { AlepheeFailure } from './failureWording';
import type { NodeRun } from './nodeRun';
import type { Send } from './operation';
import { failureError } from './request';
import { keyDigest } from './secret';

/** One item of a run, ready to go in a call that takes a list. */
export interface BatchEntry {
	context: IExecutePaginationFunctions;
	/** The run the item belongs to (its credentials are read once for it). */
	nodeRun: NodeRun;
	send: Send;
	/** The item's checked values. */
	values: IDataObject;
	/** What the item adds to the call's list, in Alephee's shape. */
	body: IDataObject;
}

/** One item's outcome: its output, or the error for its item. Never a pending rejection. */
export type BatchOutcome = { json: IDataObject } | { error: NodeApiError };

/** The failure of one entry, as the error of its own item. */
export const failedEntry = (entry: BatchEntry, failure: AlepheeFailure): BatchOutcome => ({
	error: failureError(entry.context.getNode(), failure, entry.context.getItemIndex()),
});

/**
 * The same failure for every entry of a call that failed as a whole (the transport's worded
 * error, or a stopped execution), each with its own item index. `uncertain` says what to check
 * when the error has no words of its own.
 */
export function failEveryEntry(entries: BatchEntry[], error: unknown, uncertain: string): BatchOutcome[] {
	const { message, description, httpCode, context } = error as Partial<NodeApiError>;
	const failure: AlepheeFailure = {
		message: message ?? 'The call to Alephee failed',
		description: description ?? uncertain,
		httpCode: httpCode ?? undefined,
		alepheeMessage: context?.alepheeMessage as string | undefined,
		errorCode: context?.errorCode as string | undefined,
	};
	return entries.map((entry) => failedEntry(entry, failure));
}

/**
 * Gathers the items of one node run into one batch. n8n's declarative engine starts every item
 * of a run in one pass; each item joins the batch of its run when it is ready, and the batch is
 * handed over, whole, as soon as every item the run started has either joined or ended without
 * joining (a wrong value refused before sending). No waiting on a clock: a slow n8n neither splits
 * a batch nor makes it wait for nothing. Each item gets its own outcome back.
 */
export class RunBatches<Entry, Outcome> {
	private readonly open = new WeakMap<NodeRun, OpenBatch<Entry, Outcome>>();

	constructor(
		/** Sends a whole batch; one outcome per entry, in the entries' order. */
		private readonly sendBatch: (entries: Entry[]) => Promise<Outcome[]>,
	) {}

	async join(run: NodeRun, entry: Entry): Promise<Outcome> {
		let batch = this.open.get(run);
		if (!batch) {
			batch = { members: [], stopListening: run.onItemSettled(() => this.closeWhenComplete(run)) };
			this.open.set(run, batch);
		}
		const members = batch.members;
		const outcome = new Promise<Outcome>((resolve, reject) => members.push({ entry, resolve, reject }));
		this.closeWhenComplete(run);
		return await outcome;
	}

	private closeWhenComplete(run: NodeRun): void {
		const batch = this.open.get(run);
		// Joined members have not ended yet: every item is either one of them or already ended.
		if (!batch || batch.members.length + run.settledItems < run.startedItems) return;
		this.open.delete(run);
		batch.stopListening();
		void this.send(batch.members);
	}

	private async send(members: Array<Member<Entry, Outcome>>): Promise<void> {
		try {
			const outcomes = await this.sendBatch(members.map((member) => member.entry));
			members.forEach((member, index) => member.resolve(outcomes[index]));
		} catch (error) {
			for (const member of members) member.reject(error);
		}
	}
}

interface Member<Entry, Outcome> {
	entry: Entry;
	resolve: (outcome: Outcome) => void;
	reject: (error: unknown) => void;
}

interface OpenBatch<Entry, Outcome> {
	members: Array<Member<Entry, Outcome>>;
	stopListening: () => void;
}

/** How a batch is cut into calls, and how one call is sent. */
export interface CallPlan<Entry, Outcome> {
	/** Entries of different groups (another account, another price list) never share a call. */
	groupOf(entry: Entry): string;
	/** Two entries that must not share a call (the API answers by a key they have in common). */
	clash(a: Entry, b: Entry): boolean;
	/** Entries per call to start with, while no call was refused as too large. */
	firstSize: number;
	/**
	 * Where what the calls teach about the API's per-call cap is kept for the whole process, so
	 * the next batch starts from it: one per API key and endpoint (see `callSizesId`).
	 */
	callSizesId: string;
	/** Sends one call: an outcome per entry. Throws the transport's error when the call failed. */
	sendCall(entries: Entry[]): Promise<Outcome[]>;
	/** The outcome of every entry of a call that failed as a whole (the transport's error, or a stop). */
	failCall(entries: Entry[], error: unknown): Outcome[];
}

/**
 * What calls of one API key to one endpoint taught about its per-call cap (the API does not
 * publish it): the largest call it accepted, and the smallest it refused as too large. The cap
 * lies between them; no call of the refused size or more is sent again.
 */
interface CallSizes {
	/** 0 while no call was accepted (or a refusal showed the cap was lowered since). */
	accepted: number;
	/** Infinity while no call was refused as too large. */
	refused: number;
}

/** Per API key and endpoint, for the whole n8n process, like the rate-limit budgets. */
const learnedCallSizes = new Map<string, CallSizes>();

/** What sendInCalls keeps apart: an API key (as a digest, never the key) with a base URL and endpoint. */
export function callSizesId(apiKey: string, baseUrl: string, endpoint: string): string {
	return [keyDigest(apiKey), baseUrl, endpoint].join(' ');
}

/** Forgets every learned cap: for tests that need to start from nothing learned. */
export function forgetLearnedCallSizes(): void {
	learnedCallSizes.clear();
}

/**
 * Sends a batch in as few calls as the API accepts. The size of each call comes from what earlier
 * calls (of this batch and of earlier ones with the same `callSizesId`) taught: a call answered
 * 413 (too large: nothing processed) is sent again smaller, and the size searched between the
 * largest accepted and the smallest refused, by halves. No other failure is sent again (429s are
 * retried by the transport, before this sees them).
 */
export async function sendInCalls<Entry, Outcome>(entries: Entry[], plan: CallPlan<Entry, Outcome>): Promise<Outcome[]> {
	const outcomes = new Map<Entry, Outcome>();
	const groups = new Map<string, Entry[]>();
	for (const entry of entries) groups.set(plan.groupOf(entry), [...(groups.get(plan.groupOf(entry)) ?? []), entry]);
	let known = learnedCallSizes.get(plan.callSizesId);
	if (!known) {
		known = { accepted: 0, refused: Number.POSITIVE_INFINITY };
		learnedCallSizes.set(plan.callSizesId, known);
	}
	/** Calls the whole batch takes at `size` per call (clashing entries aside). */
	const callsAt = (size: number) => [...groups.values()].reduce((calls, group) => calls + Math.ceil(group.length / size), 0);
	for (const group of groups.values()) {
		let rest = group;
		while (rest.length) {
			const call = nextCall(rest, nextSize(known, plan.firstSize, callsAt), plan.clash);
			let results: Outcome[];
			try {
				results = await plan.sendCall(call);
				learnAccepted(known, call.length);
			} catch (error) {
				// A single entry too large says nothing of the cap: it fails on its own.
				if (error instanceof NodeApiError && error.httpCode === '413' && call.length > 1) {
					learnRefused(known, call.length);
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

/**
 * The size of the next call. Nothing refused yet: the first size (or more, if more was
 * accepted). Else the middle between the largest accepted and the smallest refused, when a call
 * of that size is worth trying: it is about as likely to be refused as accepted, so it must save
 * the batch at least two calls if accepted, one more than the call it wastes if refused. Else the
 * largest size accepted.
 */
function nextSize(known: CallSizes, firstSize: number, callsAt: (size: number) => number): number {
	const { accepted, refused } = known;
	if (refused === Number.POSITIVE_INFINITY) return Math.max(firstSize, accepted);
	const middle = Math.floor((accepted + refused) / 2);
	if (accepted === 0) return Math.max(1, middle);
	return callsAt(accepted) - callsAt(middle) >= 2 ? middle : accepted;
}

function learnAccepted(known: CallSizes, size: number): void {
	known.accepted = Math.max(known.accepted, size);
	// Accepted at or above a refused size: the cap was raised since (or another batch's refusal crossed this call).
	if (known.refused <= known.accepted) known.refused = Number.POSITIVE_INFINITY;
}

function learnRefused(known: CallSizes, size: number): void {
	known.refused = Math.min(known.refused, size);
	// Refused at or below a size once accepted: the cap was lowered, what was accepted is no guide any more.
	if (known.accepted >= known.refused) known.accepted = 0;
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
