/**
 * Alephee's rate limit as api-notes.md documents it: a Generic Cell Rate Algorithm counted per
 * API key, each endpoint with its own limit (so one key has one budget per endpoint), and the
 * four `x-ratelimit-*` headers on every answer.
 */
export interface RateLimitSettings {
	perMinute: number;
	burst: number;
}

export interface RateLimitCharge {
	allowed: boolean;
	headers: Record<string, string>;
}

/** With the limiter off the headers still come, with a budget nothing reaches. */
const UNLIMITED: RateLimitSettings = { perMinute: 1_000_000, burst: 1_000_000 };

export class RateLimitBudgets {
	private defaultSettings: RateLimitSettings;

	private readonly perEndpoint = new Map<string, RateLimitSettings>();

	/** The theoretical arrival time (TAT) of each key's budget on each endpoint. */
	private readonly theoreticalArrival = new Map<string, number>();

	constructor(settings?: RateLimitSettings) {
		this.defaultSettings = settings ?? UNLIMITED;
	}

	/** The limit of every endpoint that has none of its own; `undefined` turns it off. */
	setDefault(settings: RateLimitSettings | undefined): void {
		this.defaultSettings = settings ?? UNLIMITED;
		this.theoreticalArrival.clear();
	}

	/** One endpoint's own limit; `undefined` gives it the default back. */
	setForEndpoint(endpoint: string, settings: RateLimitSettings | undefined): void {
		if (settings) this.perEndpoint.set(endpoint, settings);
		else this.perEndpoint.delete(endpoint);
		for (const budget of this.theoreticalArrival.keys()) {
			if (budget.endsWith(`\n${endpoint}`)) this.theoreticalArrival.delete(budget);
		}
	}

	/**
	 * GCRA: each request moves the budget's TAT one emission interval on; a request is refused
	 * when the TAT is more than the burst tolerance ahead of now.
	 */
	charge(apiKey: string, endpoint: string): RateLimitCharge {
		const { perMinute, burst } = this.perEndpoint.get(endpoint) ?? this.defaultSettings;
		const budget = `${apiKey}\n${endpoint}`;
		const interval = 60_000 / perMinute;
		const tolerance = (burst - 1) * interval;
		const now = Date.now();
		const tat = Math.max(this.theoreticalArrival.get(budget) ?? now, now);
		const headers = (remaining: number, untilFull: number, retryAfter: number) => ({
			'x-ratelimit-limit': String(perMinute),
			'x-ratelimit-remaining': String(Math.max(0, remaining)),
			'x-ratelimit-reset': String(Math.ceil(Math.max(0, untilFull) / 1000)),
			'x-ratelimit-retryafter': String(retryAfter),
		});
		if (tat - now > tolerance) {
			const waitMs = tat - tolerance - now;
			return { allowed: false, headers: headers(0, tat - now, Math.max(1, Math.ceil(waitMs / 1000))) };
		}
		const newTat = tat + interval;
		this.theoreticalArrival.set(budget, newTat);
		return { allowed: true, headers: headers(Math.floor(burst - (newTat - now) / interval), newTat - now, -1) };
	}
}
