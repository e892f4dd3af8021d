/**
 * How the listing calls that take a list go to Alephee (Update Status, Apply Discount): the items
 * of a run gathered into as few calls as Alephee accepts (one account and query per call, the call
 * size learned from 413s), and each item's outcome read from Alephee's answer to its call.
 *
 * Alephee's list answers (`PUT /v2/orders`, `PUT /v2/productlistings/update-status`) are
 * `{Total, Results: [{<the entry sent>, Status, Message}]}`. Nothing says the results come in the
 * order sent, so a result is an entry's only when it quotes that entry and no other: entries a
 * result could be about both never share a call, and an item whose result cannot be told apart is
 * left uncertain, never given another entry's result.
 */
import type { IDataObject } from 'n8n-workflow';

import { readAlepheeMessage } from '../../transport/alepheeBody';
import { type BatchEntry, type BatchOutcome, callSizesId, failedEntry, failEveryEntry, RunBatches, sendInCalls } from '../../transport/batch';
import { type AnswerFailure, credentialsOfRun } from '../../transport/operation';
import { baseUrlOf } from '../../transport/request';

/** Entries per call to start with: Alephee publishes no cap; past a 413 the size that works is learned. */
const FIRST_CALL_SIZE = 500;

export interface ListingEntry extends BatchEntry {
	answerFailure: AnswerFailure;
	/** The item's output once Alephee took its entry: what the item reports, plus what Alephee said. */
	output(said: IDataObject): IDataObject;
}

export interface ListingCallPlan {
	/** `METHOD path`, to keep what calls teach about the size apart per endpoint. */
	endpoint: string;
	/** Entries that must go in separate calls (another account, another query value). */
	groupOf(entry: ListingEntry): string;
	/**
	 * Whether Alephee publishes a result per entry. With it, an entry without its result is
	 * uncertain; without it, a 2xx answer that carries no results takes every entry, and the
	 * answer is passed on as it came.
	 */
	resultsPublished: boolean;
	/** What is unknown of an item without a clear result ("The listing may or may not have been updated"). */
	uncertainItem: string;
	/** What is unknown of a call that failed without an answer. */
	uncertainCall: string;
}

/** One result of a list answer. */
type Result = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}/;

/** Two values the same for Alephee: equal text in any case, the same number, the same instant, or objects that agree. */
function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((value, index) => sameValue(value, b[index]));
	}
	if (isObject(a) || isObject(b)) return isObject(a) && isObject(b) && agree(a, b);
	if (a === null || b === null || a === undefined || b === undefined) return false;
	const [x, y] = [String(a).trim(), String(b).trim()];
	if (x.toLowerCase() === y.toLowerCase()) return true;
	if (x !== '' && y !== '' && Number.isFinite(Number(x)) && Number(x) === Number(y)) return true;
	return DATE_SHAPE.test(x) && DATE_SHAPE.test(y) && Date.parse(x) === Date.parse(y) && Number.isFinite(Date.parse(x));
}

/**
 * Whether two objects say the same of everything both name (names compared in any case), naming
 * one thing at least: a result quoting an entry may add fields or leave some out.
 */
export function agree(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
	const valuesOfB = new Map(Object.entries(b).map(([key, value]) => [key.toLowerCase(), value]));
	const shared = Object.entries(a).filter(([key]) => valuesOfB.has(key.toLowerCase()));
	return shared.length > 0 && shared.every(([key, value]) => sameValue(value, valuesOfB.get(key.toLowerCase())));
}

/** Whether a result quotes this entry: one of its object fields (`ProductListingStatus`, …) agrees with it. */
const quotes = (result: Result, body: IDataObject) => Object.values(result).some((value) => isObject(value) && agree(value, body));

/** A result that quotes no entry (its quote left out or empty): it can be nobody's by what it quotes. */
const quotesNothing = (result: Result) => !Object.values(result).some((value) => isObject(value) && Object.keys(value).length > 0);

/**
 * Each entry's result: the one result that quotes it and no other entry. Results that quote
 * nothing still count where they cannot be anyone else's: one entry sent and one result back; or
 * as many results as entries, all with the same success, which is then every entry's (with the
 * message only when all say the same).
 */
export function pairResults(bodies: IDataObject[], results: Result[]): Array<Result | undefined> {
	const paired = bodies.map((body) => {
		const quoting = results.filter((result) => quotes(result, body));
		if (quoting.length !== 1) return undefined;
		const aboutOthers = bodies.filter((other) => other !== body && quotes(quoting[0], other));
		return aboutOthers.length ? undefined : quoting[0];
	});
	if (paired.every(Boolean)) return paired;
	if (bodies.length === 1 && results.length === 1) return quotesNothing(results[0]) ? [results[0]] : paired;
	const statuses = new Set(results.map((result) => statusOf(result)));
	const [onlyStatus] = [...statuses];
	const unclaimedQuoteNothing = results.every((result) => paired.includes(result) || quotesNothing(result));
	if (results.length === bodies.length && statuses.size === 1 && onlyStatus !== undefined && isSuccess(onlyStatus) && unclaimedQuoteNothing) {
		const messages = new Set(results.map((result) => result.Message));
		const shared: Result = { Status: onlyStatus, ...(messages.size === 1 ? { Message: results[0].Message } : {}) };
		return paired.map((result) => result ?? shared);
	}
	return paired;
}

/** A result's `Status`, when it is a number (Alephee's per-entry status is an HTTP-like code). */
function statusOf(result: Result): number | undefined {
	const status = result.Status ?? result.status;
	const number = typeof status === 'number' ? status : typeof status === 'string' && /^\s*\d+\s*$/.test(status) ? Number(status) : NaN;
	return Number.isInteger(number) ? number : undefined;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/** What Alephee said about one entry. */
function outcomeOf(entry: ListingEntry, result: Result | undefined, plan: ListingCallPlan, secret: string): BatchOutcome {
	const status = result && statusOf(result);
	const message = result && readAlepheeMessage(result, secret);
	if (!result || status === undefined) {
		return failedEntry(entry, {
			message: result ? 'Alephee sent a result for this item without a status' : "Alephee sent no result that is clearly this item's",
			description: `${plan.uncertainItem}: check it in Alephee before running this item again.${message ? ` Alephee says: "${message}"` : ''}`,
			alepheeMessage: message,
		});
	}
	if (!isSuccess(status)) return { error: entry.answerFailure(status, result) };
	return { json: entry.output({ alepheeStatus: status, ...(message ? { alepheeMessage: message } : {}) }) };
}

async function sendCall(entries: ListingEntry[], plan: ListingCallPlan, secret: string): Promise<BatchOutcome[]> {
	const response = await entries[0].send({ body: entries.map((entry) => entry.body), json: true });
	const answer = response.body as unknown;
	const results = isObject(answer) && Array.isArray(answer.Results) ? (answer.Results as unknown[]).filter(isObject) : undefined;
	if (!results && !plan.resultsPublished) {
		// The answer's shape is not published: a 2xx takes the call, and the answer is passed on as it came.
		const said = answer === undefined || answer === null || answer === '' ? {} : { alepheeAnswer: answer as IDataObject };
		return entries.map((entry) => ({ json: entry.output(said) }));
	}
	const paired = pairResults(
		entries.map((entry) => entry.body),
		results ?? [],
	);
	return entries.map((entry, index) => outcomeOf(entry, paired[index], plan, secret));
}

/** The run batches of one listing call: send with `batches.join(nodeRun, entry)`. */
export function listingCalls(plan: ListingCallPlan): RunBatches<ListingEntry, BatchOutcome> {
	return new RunBatches<ListingEntry, BatchOutcome>(async (entries) => {
		const credentials = await credentialsOfRun(entries[0].nodeRun, entries[0].context);
		const secret = credentials.apiKey;
		return await sendInCalls(entries, {
			groupOf: plan.groupOf,
			// Two entries one result could be about go in separate calls, so each result points at one item.
			clash: (a, b) => agree(a.body, b.body),
			firstSize: FIRST_CALL_SIZE,
			callSizesId: callSizesId(secret, baseUrlOf(credentials), plan.endpoint),
			sendCall: async (call) => await sendCall(call, plan, secret),
			failCall: (call, error) => failEveryEntry(call, error, `${plan.uncertainCall}: check them in Alephee.`),
		});
	});
}
