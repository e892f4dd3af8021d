import { sleep } from 'n8n-workflow';

/**
 * Client-side mirror of Alephee's rate limit (GCRA, per API key and endpoint, one-minute
 * window). The numbers are never configured: they are learned from the `x-ratelimit-*`
 * headers that every answer carries, so each contract's limit is honoured as it is.
 *
 * Requests wait in one FIFO queue per budget. Until the first answer tells the limit, only
 * one request is in flight; after that requests leave at the learned pace, using the burst
 * the server allows, and any sign that someone else spends the same key (another workflow,
 * another n8n worker) moves the schedule back.
 */

export interface RateLimitHeaders {
	limit?: number;
	remaining?: number;
	resetSeconds?: number;
	retryAfterSeconds?: number;
}

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

/**
 * Requests land a little later than they leave, and not always in order. One slot of the burst
 * is kept spare to absorb that; with no burst to spare, requests are spaced 2% wider instead.
 */
const SPARE_SLOTS = 1;
const SPACING_MARGIN_WITH_SPARE = 0.005;
const SPACING_MARGIN_WITHOUT_SPARE = 0.02;
/** Fallback wait after a 429 that names no wait at all. */
const DEFAULT_THROTTLE_MS = 1_000;

interface Waiter {
	/** Its place in line: a request retried after a 429 keeps the place it first had. */
	ticket: number;
	grant: () => void;
	refuse: (reason: unknown) => void;
	/** The longest wait a 429 may impose on this request before it gives up. */
	maxWaitMs: number;
	signal?: AbortSignal;
	onAbort?: () => void;
}

/**
 * Alephee asked (through a 429) for a longer wait than the request may take. Its window is one
 * minute, so such a wait means something else (a blocked key, a misconfigured proxy): the
 * request fails at once instead of hanging, and so does every request queued behind it.
 */
export class RateLimitWaitTooLong extends Error {
	constructor(
		readonly waitMs: number,
		readonly maxWaitMs: number,
		/**
		 * Set when no 429 announced the wait but the limit in Alephee's headers implies it (a
		 * limit of 0.001 per minute, say): requests per minute as the headers gave them.
		 */
		readonly impliedByLimit?: number,
	) {
		super(`Alephee's rate limit means a wait of ${Math.round(waitMs / 1000)} s, longer than ${Math.round(maxWaitMs / 1000)} s`);
	}
}

/** Timers are armed for at most this long; a longer wait is re-checked when it ends. */
const LONGEST_TIMER_MS = 60_000;

export class RateLimitBudget {
	private intervalMs = 0;

	private burst = 1;

	private learned = false;

	/** The per-minute limit the burst was learned under: a new limit starts the learning again. */
	private learnedLimit: number | undefined;


	/** GCRA's theoretical arrival time of the next request, in this process's clock. */
	private theoreticalArrival = 0;

	private probeInFlight = false;

	/** Requests granted whose answer has not come yet. */
	private inFlight = 0;

	private readonly queue: Waiter[] = [];

	private wakeUpAt: number | undefined;

	/** Until when a 429 told everyone on this budget to wait. */
	private blockedUntil = 0;

	constructor(private readonly clock: Clock = systemClock) {}

	/**
	 * Resolves when this request may be sent. Rejects if the execution is cancelled meanwhile,
	 * or if a 429 imposes a longer wait than `maxWaitMs`.
	 */
	async acquire(signal?: AbortSignal, maxWaitMs = Number.POSITIVE_INFINITY, ticket = this.ticket()): Promise<void> {
		if (signal?.aborted) throw signal.reason ?? new Error('Execution cancelled');
		const blockedFor = this.blockedUntil - this.clock.now();
		if (blockedFor > maxWaitMs) throw new RateLimitWaitTooLong(blockedFor, maxWaitMs);
		await new Promise<void>((grant, refuse) => {
			const waiter: Waiter = { ticket, grant, refuse, maxWaitMs, signal };
			if (signal) {
				waiter.onAbort = () => {
					const position = this.queue.indexOf(waiter);
					if (position >= 0) this.queue.splice(position, 1);
					refuse(signal.reason ?? new Error('Execution cancelled'));
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			const behind = this.queue.findIndex((queued) => queued.ticket > ticket);
			this.queue.splice(behind === -1 ? this.queue.length : behind, 0, waiter);
			this.dispatch();
		});
	}

	/** A place in line, for a request that may have to come back after a 429 and keep it. */
	ticket(): number {
		return takeTicket();
	}

	/** Feed every answer's headers back, whatever its status. */
	observe(headers: RateLimitHeaders): void {
		this.learn(headers);
		this.dispatch();
	}

	/**
	 * A 429: nobody on this budget sends again before the server's announced wait is over, and
	 * queued requests that may not wait that long are refused now rather than left hanging.
	 */
	throttled(headers: RateLimitHeaders, fallbackMs = DEFAULT_THROTTLE_MS): number {
		const waitMs = throttleWaitMs(headers, fallbackMs);
		this.learn(headers);
		// The schedule let this one go and Alephee refused it: the burst it assumed is not there
		// (a lowered limit, another client). Start again from one and learn it up from the answers.
		this.burst = 1;
		const now = this.clock.now();
		this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
		this.theoreticalArrival = Math.max(this.theoreticalArrival, now + waitMs + this.tolerance());
		const blockedFor = this.blockedUntil - now;
		for (const waiter of this.queue.filter((queued) => queued.maxWaitMs < blockedFor)) {
			this.queue.splice(this.queue.indexOf(waiter), 1);
			this.forget(waiter);
			waiter.refuse(new RateLimitWaitTooLong(blockedFor, waiter.maxWaitMs));
		}
		this.dispatch();
		return waitMs;
	}

	/** The request got no answer (network failure): let the next one go. */
	release(): void {
		this.probeInFlight = false;
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.dispatch();
	}

	get pendingRequests(): number {
		return this.queue.length;
	}

	private learn(headers: RateLimitHeaders): void {
		this.probeInFlight = false;
		this.inFlight = Math.max(0, this.inFlight - 1);
		const { limit, remaining } = headers;
		if (limit !== undefined && limit > 0) {
			// A changed limit (Alephee lowered or raised the key's contract) makes the burst learned
			// under the old one meaningless: it is learned again from this answer on.
			const sameLimit = this.learned && this.learnedLimit === limit;
			if (remaining !== undefined && remaining >= 0) {
				// After a request GCRA reports at most burst − 1 remaining, so this never overestimates.
				this.burst = Math.max(sameLimit ? this.burst : 1, remaining + 1);
			} else if (!sameLimit) {
				this.burst = 1;
			}
			this.learnedLimit = limit;
			const margin = this.burst > SPARE_SLOTS ? SPACING_MARGIN_WITH_SPARE : SPACING_MARGIN_WITHOUT_SPARE;
			this.intervalMs = (60_000 / limit) * (1 + margin);
			if (remaining !== undefined && remaining >= 0) {
				// GCRA's state after this answer, as the server sees it: `burst − remaining` slots are
				// taken. Fewer remaining than this schedule assumes means someone else spends the key too.
				const serverArrival = this.clock.now() + (this.burst - remaining) * this.intervalMs;
				this.theoreticalArrival = Math.max(this.theoreticalArrival, serverArrival);
			}
			this.learned = true;
		} else if (!this.learned) {
			// No rate-limit headers (a proxy stripped them?): do not pace, 429s are still retried.
			this.learned = true;
			this.intervalMs = 0;
		}
	}

	private dispatch(): void {
		while (this.queue.length) {
			const now = this.clock.now();
			// Until an answer tells the limit, one request at a time. The same after the budget sat
			// unused (nothing in flight, and a full interval past a full burst): the limit may have
			// changed since (a new contract), and a burst sent on the old one would be refused, so
			// one answer is waited for first. A paced run never sits like that between requests.
			const idle =
				this.learnedLimit !== undefined && this.inFlight === 0 && this.theoreticalArrival + this.intervalMs <= now;
			if (!this.learned || idle || this.probeInFlight) {
				if (this.probeInFlight) return;
				this.probeInFlight = true;
				if (this.learned) this.theoreticalArrival = Math.max(this.theoreticalArrival, now) + this.intervalMs;
				this.grantNext();
				continue;
			}
			const earliest = this.theoreticalArrival - this.tolerance();
			if (earliest > now) {
				// A wait the headers imply obeys the same bound as one a 429 announces: the request
				// first in line fails at once rather than waiting (or never ending).
				const head = this.queue[0];
				if (earliest - now > head.maxWaitMs) {
					this.queue.shift();
					this.forget(head);
					head.refuse(
						new RateLimitWaitTooLong(earliest - now, head.maxWaitMs, this.blockedUntil > now ? undefined : this.learnedLimit),
					);
					continue;
				}
				this.wakeAt(earliest);
				return;
			}
			this.theoreticalArrival = Math.max(this.theoreticalArrival, now) + this.intervalMs;
			this.grantNext();
		}
	}

	/** GCRA's burst tolerance, less the spare slot: how far ahead of now the schedule may run. */
	private tolerance(): number {
		return Math.max(0, this.burst - 1 - SPARE_SLOTS) * this.intervalMs;
	}

	private grantNext(): void {
		this.inFlight++;
		const waiter = this.queue.shift()!;
		this.forget(waiter);
		waiter.grant();
	}

	private forget(waiter: Waiter): void {
		if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
	}

	private wakeAt(time: number): void {
		if (this.wakeUpAt !== undefined && this.wakeUpAt <= time) return;
		this.wakeUpAt = time;
		void this.clock.sleep(Math.min(LONGEST_TIMER_MS, Math.max(0, time - this.clock.now()))).then(() => {
			if (this.wakeUpAt === time) this.wakeUpAt = undefined;
			this.dispatch();
		});
	}
}

/** Seconds from `x-ratelimit-retryafter`, else `x-ratelimit-reset`, else the fallback. */
export function throttleWaitMs(headers: RateLimitHeaders, fallbackMs = DEFAULT_THROTTLE_MS): number {
	const { retryAfterSeconds, resetSeconds } = headers;
	if (retryAfterSeconds !== undefined && retryAfterSeconds >= 0) return retryAfterSeconds * 1000;
	if (resetSeconds !== undefined && resetSeconds > 0) return resetSeconds * 1000;
	return fallbackMs;
}

export function readRateLimitHeaders(headers: Record<string, unknown> | undefined): RateLimitHeaders {
	const read = (name: string): number | undefined => {
		const raw = headers?.[name];
		const value = Number(Array.isArray(raw) ? raw[0] : raw);
		return raw === undefined || raw === null || raw === '' || !Number.isFinite(value) ? undefined : value;
	};
	return {
		limit: read('x-ratelimit-limit'),
		remaining: read('x-ratelimit-remaining'),
		resetSeconds: read('x-ratelimit-reset'),
		retryAfterSeconds: read('x-ratelimit-retryafter'),
	};
}

let lastTicket = 0;

/**
 * A place in line, the same numbering for every budget, so a place can be taken before it is
 * known which budget the request will wait in: an item takes its own when n8n starts it, in
 * item order, and its requests then leave in that order whatever its first awaits took.
 */
export function takeTicket(): number {
	return ++lastTicket;
}

const budgets = new Map<string, RateLimitBudget>();

/**
 * One budget per API key and endpoint for the whole n8n process, so concurrent executions
 * and workflows that share a key share its limit. `budgetId` must not be the key itself.
 */
export function sharedBudget(budgetId: string): RateLimitBudget {
	let budget = budgets.get(budgetId);
	if (!budget) {
		budget = new RateLimitBudget();
		budgets.set(budgetId, budget);
	}
	return budget;
}
