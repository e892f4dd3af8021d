import {
	type Clock,
	RateLimitBudget,
	RateLimitWaitTooLong,
	readRateLimitHeaders,
	throttleWaitMs,
} from '../../../../nodes/Alephee/transport/rateLimiter';

/** A clock the test moves by hand, so pacing is checked to the millisecond. */
class ManualClock implements Clock {
	private time = 1_000_000;

	private timers: Array<{ at: number; wake: () => void }> = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) => this.timers.push({ at: this.time + ms, wake }));
	}

	async advance(ms: number): Promise<void> {
		const end = this.time + ms;
		for (;;) {
			this.timers.sort((a, b) => a.at - b.at);
			const next = this.timers[0];
			if (!next || next.at > end) break;
			this.timers.shift();
			this.time = next.at;
			next.wake();
			await flush();
		}
		this.time = end;
		await flush();
	}
}

const flush = async () => {
	for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** Starts `count` acquisitions and records when each is granted. */
function queueRequests(budget: RateLimitBudget, clock: ManualClock, count: number) {
	const grantedAt: number[] = [];
	for (let i = 0; i < count; i++) void budget.acquire().then(() => grantedAt.push(clock.now()));
	return grantedAt;
}

describe('RateLimitBudget', () => {
	let clock: ManualClock;
	let budget: RateLimitBudget;

	beforeEach(() => {
		clock = new ManualClock();
		budget = new RateLimitBudget(clock);
	});

	it('sends a single request until an answer tells the limit', async () => {
		const granted = queueRequests(budget, clock, 3);
		await clock.advance(10_000);
		expect(granted).toHaveLength(1);
		expect(budget.pendingRequests).toBe(2);
	});

	it('then uses the announced burst at once, but for one spare slot, and paces the rest at the announced rate', async () => {
		const start = clock.now();
		const granted = queueRequests(budget, clock, 8);
		await flush();
		// The probe's answer: 60 a minute, 3 left after it → a burst of 4, one per second after.
		budget.observe({ limit: 60, remaining: 3, resetSeconds: 1, retryAfterSeconds: -1 });
		await clock.advance(0);
		expect(granted.map((time) => time - start)).toEqual([0, 0, 0]);

		await clock.advance(10_000);
		expect(granted).toHaveLength(8);
		const gaps = granted.slice(3).map((time, index) => time - granted[index + 2]);
		for (const gap of gaps) {
			expect(gap).toBeGreaterThanOrEqual(1000);
			expect(gap).toBeLessThanOrEqual(1010);
		}
	});

	it('without a burst to spare, spaces requests 2% wider than the limit', async () => {
		const granted = queueRequests(budget, clock, 3);
		await flush();
		budget.observe({ limit: 60, remaining: 0 });
		await clock.advance(5_000);
		expect(granted[2] - granted[1]).toBe(1020);
	});

	it('learns a different limit from the headers, with nothing hard-coded', async () => {
		const granted = queueRequests(budget, clock, 12);
		await flush();
		budget.observe({ limit: 600, remaining: 0 });
		await clock.advance(1_000);
		// 600 a minute is one per 100 ms (plus a 2% margin), and no burst beyond the probe.
		expect(granted.length).toBeGreaterThanOrEqual(9);
		expect(granted.length).toBeLessThanOrEqual(11);
	});

	it('after a 429 lets nobody through before the announced wait', async () => {
		budget.observe({ limit: 6000, remaining: 50 });
		const waitMs = budget.throttled({ limit: 6000, remaining: 0, retryAfterSeconds: 3 });
		expect(waitMs).toBe(3000);
		const granted = queueRequests(budget, clock, 2);
		await clock.advance(2_999);
		expect(granted).toHaveLength(0);
		await clock.advance(2);
		expect(granted).toHaveLength(1);
	});

	it('holds waiting requests after a 429 even when it carried no rate-limit headers', async () => {
		const granted = queueRequests(budget, clock, 2);
		await flush();
		budget.throttled({}, 1_500);
		await clock.advance(1_499);
		expect(granted).toHaveLength(1);
		await clock.advance(2);
		expect(granted).toHaveLength(2);
	});

	it('slows down when the server shows someone else spends the same key', async () => {
		budget.observe({ limit: 60, remaining: 9 });
		// Ten in the burst, but the next answer says nothing is left: another process used it.
		budget.observe({ limit: 60, remaining: 0 });
		const granted = queueRequests(budget, clock, 1);
		await clock.advance(1_000);
		expect(granted).toHaveLength(0);
		await clock.advance(1_100);
		expect(granted).toHaveLength(1);
	});

	it('does not pace at all when answers carry no rate-limit headers', async () => {
		const granted = queueRequests(budget, clock, 5);
		await flush();
		budget.observe({});
		await clock.advance(0);
		expect(granted).toHaveLength(5);
	});

	it('lets the next request go when one got no answer', async () => {
		const granted = queueRequests(budget, clock, 2);
		await flush();
		budget.release();
		await flush();
		expect(granted).toHaveLength(2);
	});

	it('after a 429 asking for longer than a request may wait, refuses the queued requests at once', async () => {
		budget.observe({ limit: 60, remaining: 0 });
		const patient = budget.acquire(undefined, 7_200_000);
		const refused = [budget.acquire(undefined, 120_000), budget.acquire(undefined, 60_000)];
		await flush();
		budget.throttled({ limit: 60, remaining: 0, retryAfterSeconds: 3600 });
		for (const request of refused) await expect(request).rejects.toBeInstanceOf(RateLimitWaitTooLong);
		await expect(refused[0]).rejects.toMatchObject({ waitMs: 3_600_000, maxWaitMs: 120_000 });
		// A request that may wait that long stays queued, and goes when the wait is over.
		expect(budget.pendingRequests).toBe(1);
		let granted = false;
		void patient.then(() => (granted = true));
		await clock.advance(3_599_000);
		expect(granted).toBe(false);
		await clock.advance(2_000);
		expect(granted).toBe(true);
	});

	it('refuses new requests while such a wait lasts, and takes them again once it is within their bound', async () => {
		budget.observe({ limit: 60, remaining: 5 });
		budget.throttled({ limit: 60, remaining: 0, retryAfterSeconds: 300 });
		await expect(budget.acquire(undefined, 120_000)).rejects.toMatchObject({ waitMs: 300_000 });
		expect(budget.pendingRequests).toBe(0);
		await clock.advance(200_000);
		let granted = false;
		void budget.acquire(undefined, 120_000).then(() => (granted = true));
		await clock.advance(100_001);
		expect(granted).toBe(true);
	});

	it('drops a waiting request when its execution is cancelled', async () => {
		queueRequests(budget, clock, 1);
		const controller = new AbortController();
		const cancelled = budget.acquire(controller.signal);
		controller.abort(new Error('cancelled'));
		await expect(cancelled).rejects.toThrow('cancelled');
		expect(budget.pendingRequests).toBe(0);
	});
});

describe('RateLimitBudget at the edges', () => {
	let clock: ManualClock;
	let budget: RateLimitBudget;

	beforeEach(() => {
		clock = new ManualClock();
		budget = new RateLimitBudget(clock);
	});

	it('fails at once, naming the limit, when the limit in the headers implies a wait longer than allowed', async () => {
		await budget.acquire(undefined, 120_000);
		budget.observe({ limit: 0.001, remaining: 0 });
		const outcome = budget.acquire(undefined, 120_000).then(
			() => 'granted',
			(error: unknown) => error,
		);
		await flush();
		const error = (await outcome) as RateLimitWaitTooLong;
		expect(error).toBeInstanceOf(RateLimitWaitTooLong);
		expect(error.impliedByLimit).toBe(0.001);
		expect(error.waitMs).toBeGreaterThan(120_000);
		expect(budget.pendingRequests).toBe(0);
	});

	it('a wait the headers imply within the bound is waited, with timers of at most a minute', async () => {
		await budget.acquire(undefined, 600_000);
		budget.observe({ limit: 0.5, remaining: 0 });
		const granted = queueRequests(budget, clock, 1);
		await clock.advance(60_000);
		expect(granted).toHaveLength(0);
		// 0.5 a minute is one per 120 s, plus the 2% margin.
		await clock.advance(63_000);
		expect(granted).toHaveLength(1);
	});

	it('follows a lowered limit and its smaller burst at once', async () => {
		const first = queueRequests(budget, clock, 1);
		await flush();
		budget.observe({ limit: 600, remaining: 9 });
		expect(first).toHaveLength(1);
		// The contract changes: 60 a minute, a burst of 2 (1 left after this answer).
		budget.observe({ limit: 60, remaining: 1 });
		const granted = queueRequests(budget, clock, 4);
		await clock.advance(0);
		// A burst of 2 less the spare slot leaves none: one a second (the burst of 10 learned
		// before would have let all four go at once).
		expect(granted).toHaveLength(0);
		await clock.advance(1_010);
		expect(granted).toHaveLength(1);
		await clock.advance(1_010);
		expect(granted).toHaveLength(2);
	});

	it('after a 429 starts the burst again from one', async () => {
		// 600 a minute with 9 left: a burst of 10, and two requests sent on it.
		budget.observe({ limit: 600, remaining: 9 });
		const sent = queueRequests(budget, clock, 2);
		await clock.advance(0);
		expect(sent).toHaveLength(2);
		// One of them is refused; the other has no answer yet, so the budget is not idle (an idle
		// budget sends one request alone anyway, whatever burst it learned).
		budget.throttled({ limit: 600, remaining: 0, retryAfterSeconds: 1 });
		// Right at the end of the wait the schedule lets one go with or without a burst: the 429
		// moved it past the wait by the burst it assumed. The burst shows once the wait is well
		// over and requests come in together.
		await clock.advance(3_000);
		const granted = queueRequests(budget, clock, 5);
		await clock.advance(0);
		// A burst of one: one goes now, the next one interval later (100 ms, and a small margin).
		// The burst of 10 learned before the 429 would have let all five go at once.
		expect(granted).toHaveLength(1);
		await clock.advance(101);
		expect(granted).toHaveLength(2);
	});

	it('a request back after a 429 keeps its place before those queued after it', async () => {
		const order: string[] = [];
		const first = budget.ticket();
		await budget.acquire(undefined, Infinity, first);
		// The first request was refused; meanwhile a second one queued.
		budget.throttled({ limit: 60, remaining: 0, retryAfterSeconds: 2 });
		void budget.acquire().then(() => order.push('second'));
		await flush();
		void budget.acquire(undefined, Infinity, first).then(() => order.push('first, again'));
		await clock.advance(10_000);
		expect(order).toEqual(['first, again', 'second']);
	});
});

describe('rate-limit headers', () => {
	it('reads the four x-ratelimit-* headers as numbers', () => {
		expect(
			readRateLimitHeaders({
				'x-ratelimit-limit': '600',
				'x-ratelimit-remaining': '7',
				'x-ratelimit-reset': '2',
				'x-ratelimit-retryafter': '-1',
			}),
		).toEqual({ limit: 600, remaining: 7, resetSeconds: 2, retryAfterSeconds: -1 });
	});

	it('ignores missing or garbled values', () => {
		expect(readRateLimitHeaders({ 'x-ratelimit-limit': 'lots' })).toEqual({
			limit: undefined,
			remaining: undefined,
			resetSeconds: undefined,
			retryAfterSeconds: undefined,
		});
	});

	it('waits retry-after, else reset, else the fallback', () => {
		expect(throttleWaitMs({ retryAfterSeconds: 4, resetSeconds: 9 })).toBe(4000);
		expect(throttleWaitMs({ retryAfterSeconds: -1, resetSeconds: 9 })).toBe(9000);
		expect(throttleWaitMs({}, 1234)).toBe(1234);
	});
});
