/**
 * One place that turns what Alephee (or the network, or a gateway in between) answered into
 * words an operations person can act on: `message` says what happened, `description` how to
 * fix it, and Alephee's own `Message` is quoted as it came (it is often in Spanish).
 *
 * Operations differ only in the wording they hand in (`FailureWording`): what the node was in
 * the middle of, whether the request could have changed data, and what a status means for them.
 */
import { isAlepheeJson, isAlepheeShaped, pageTitle, readAlepheeMessage, redirectTarget } from './alepheeBody';
import { bytesOf } from './bytes';

export interface StatusWords {
	message: string;
	advice: string;
}

export interface FailureWording {
	/** What the node was in the middle of, to end a sentence: "while deleting order 200". */
	inProgress: string;
	/** The account the request was for, when there is one. */
	accountId?: number;
	/**
	 * For requests that change data: what is unknown when no clear answer came ("The order may
	 * or may not have been deleted"). Left out for reads, which change nothing.
	 */
	uncertainOutcome?: string;
	/** For requests that change data: what is certain when the request was never processed. */
	notDone?: string;
	/** What a status means for this operation, where it differs from the generic wording. */
	statuses?: Partial<Record<number, StatusWords>>;
}

export interface AlepheeFailure {
	message: string;
	description: string;
	/** The HTTP status as text, when an answer came. */
	httpCode?: string;
	/** The network error code (such as `ECONNRESET`), when no answer came. */
	errorCode?: string;
	/** Alephee's own explanation, exactly as sent (minus anything secret). */
	alepheeMessage?: string;
}

/** Reason phrases of the statuses a gateway or proxy answers with (Alephee documents only 500). */
const GATEWAY_REASONS: Record<number, string> = {
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

function withAlepheeWords(advice: string, alepheeMessage: string | undefined): string {
	return alepheeMessage
		? `${advice} Alephee says: "${alepheeMessage}"`
		: `${advice} Alephee sent no explanation.`;
}

/** What to do when it is unknown whether Alephee processed the request. */
function checkBeforeRetrying(wording: FailureWording): string {
	return wording.uncertainOutcome
		? `${wording.uncertainOutcome}: check it in Alephee before running this item again.`
		: 'Nothing was changed in Alephee (this only reads data): run it again.';
}

function genericStatusWords(statusCode: number, wording: FailureWording): StatusWords {
	const account = wording.accountId === undefined ? 'the account' : `account ${wording.accountId}`;
	const during = `while ${wording.inProgress}`;
	const said = (message: string, advice: string): StatusWords => ({ message, advice });
	switch (statusCode) {
		case 400:
			return said(`Alephee rejected the request as invalid ${during}`, 'Check the values of the fields (IDs are the whole numbers shown in Alephee; dates are full dates).');
		case 401:
			return said(
				'Alephee did not accept the API key for this account',
				`Check the API key in the Alephee credential, and that ${account} belongs to that key (Alephee support issues keys and ties them to accounts).`,
			);
		case 403:
			return said(
				`The API key is not allowed to use ${account}`,
				`Check that ${account} belongs to the API key in the Alephee credential; ask Alephee support to tie it to the key if it should.`,
			);
		case 404:
			return said(`Alephee found nothing to act on ${during}`, 'Check the IDs: they are the ones shown in Alephee, for this account.');
		case 413:
			return said(`Alephee refused the request as too large ${during}`, 'Alephee limits how many objects one request may carry. Nothing was processed.');
		case 429:
			return said(
				"Alephee's rate limit was reached and the node stopped retrying",
				'The API key used up its request budget for this minute. Run the workflow again later, or raise "Rate Limit Retries" under Options. Other workflows using the same key share this budget.',
			);
		default:
			if (statusCode >= 500) {
				return said(`Alephee had an internal error ${during}`, `${checkBeforeRetrying(wording)} If it keeps happening, contact Alephee support.`);
			}
			return said(
				`Alephee answered with unexpected status ${statusCode} ${during}`,
				wording.uncertainOutcome ? checkBeforeRetrying(wording) : 'Run it again; if it keeps happening, contact Alephee support.',
			);
	}
}

/**
 * A 3xx other than 304: the node never follows one (a login page would be read as success).
 * Alephee documents none for these endpoints, so a proxy or a wrong Base URL sent it.
 */
function describeRedirect(statusCode: number, location: unknown, wording: FailureWording, secret?: string): AlepheeFailure {
	const target = redirectTarget(location, secret);
	const outcome = wording.uncertainOutcome
		? `${wording.uncertainOutcome}: check it in Alephee before running this item again.`
		: 'Nothing was changed in Alephee (this only reads data).';
	return {
		message: `The request was redirected (${statusCode}) instead of answered while ${wording.inProgress}`,
		description: `Alephee's API does not redirect; the answer pointed ${target ? `to ${target}` : 'elsewhere'}, which usually means the Base URL in the Alephee credential is wrong (an old address, http instead of https) or a proxy in between sends requests to a login page. The node does not follow redirects. ${outcome}`,
		httpCode: String(statusCode),
	};
}

export function describeHttpFailure(
	statusCode: number,
	answer: unknown,
	wording: FailureWording,
	secret?: string,
	location?: unknown,
): AlepheeFailure {
	// A file download reads its answer as bytes; a refusal among them is Alephee's text.
	const body = bytesOf(answer)?.toString('utf8') ?? answer;
	const httpCode = String(statusCode);
	if (statusCode >= 300 && statusCode < 400 && statusCode !== 304) return describeRedirect(statusCode, location, wording, secret);
	const title = pageTitle(body, secret);
	const named = title ? ` (its page is titled "${title}")` : '';

	if (GATEWAY_REASONS[statusCode] && !isAlepheeJson(body)) {
		return {
			message: `A gateway between n8n and Alephee answered ${statusCode} ${GATEWAY_REASONS[statusCode]} while ${wording.inProgress}`,
			description: `The answer came from a proxy or gateway on the way to Alephee, not from Alephee's API${named}. ${checkBeforeRetrying(wording)} If it keeps happening, check the Base URL and any proxy between n8n and Alephee, or ask Alephee support whether its API is down.`,
			httpCode,
		};
	}

	const { message, advice } = wording.statuses?.[statusCode] ?? genericStatusWords(statusCode, wording);
	if (!isAlepheeShaped(body, statusCode)) {
		// Markup or unexpected text is not quoted: at most the page's title is named.
		return {
			message,
			description: `${advice} The answer was not in Alephee's format${named}, so a proxy or gateway between n8n and Alephee may have sent it.`,
			httpCode,
		};
	}
	const alepheeMessage = readAlepheeMessage(body, secret);
	return { message, description: withAlepheeWords(advice, alepheeMessage), httpCode, alepheeMessage };
}

/** Seconds as a person reads them: "45 seconds", "3 minutes", "1 hour". */
export function humanDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	const plural = (value: number, unit: string) => `${value} ${unit}${value === 1 ? '' : 's'}`;
	if (seconds < 120) return plural(seconds, 'second');
	if (seconds < 3600) return plural(Math.round(seconds / 60), 'minute');
	return plural(Math.round(seconds / 360) / 10, 'hour');
}

/**
 * A wait longer than the node is allowed to wait: announced by a 429, or implied by the limit
 * Alephee's headers gave (`impliedByLimit` requests per minute).
 */
export function describeLongRateLimitWait(
	waitMs: number,
	maxWaitMs: number,
	wording: FailureWording,
	impliedByLimit?: number,
): AlepheeFailure {
	const notDone = wording.notDone ?? 'Nothing was changed in Alephee';
	if (impliedByLimit !== undefined) {
		return {
			message: `Alephee's rate limit for this API key would make the next request wait ${humanDuration(waitMs)}, longer than this node waits`,
			description: `${notDone}: it was not sent. Alephee's answers give this key a limit of ${impliedByLimit} requests per minute for this kind of request, so the node would have to wait ${humanDuration(waitMs)} before ${wording.inProgress}; it waits at most ${humanDuration(maxWaitMs)} ("Longest Rate Limit Wait" under Options). A limit this low usually means the key's contract or a proxy in between is misconfigured: ask Alephee support what the key's limit is.`,
			httpCode: '429',
		};
	}
	return {
		message: `Alephee asked to wait ${humanDuration(waitMs)} before the next request, longer than this node waits`,
		description: `${notDone}. Alephee's rate limit answered "429 Too Many Requests" while ${wording.inProgress} and asked for a wait of ${humanDuration(waitMs)}; the node waits at most ${humanDuration(maxWaitMs)} ("Longest Rate Limit Wait" under Options). Alephee's rate-limit window is one minute, so a wait this long usually means the API key is blocked or a proxy in between is misconfigured. Run it again later, or ask Alephee support whether the key is blocked.`,
		httpCode: '429',
	};
}

/** A list that said it holds more than it gave (see `ListEndedEarly`). */
export function describeListEndedEarly(read: number, total: number, wording: FailureWording): AlepheeFailure {
	return {
		message: `Alephee's list stopped after ${read} of the ${total} results it announced, while ${wording.inProgress}`,
		description: `A page came back empty twice before the total Alephee gave was reached; the list may have been changing (orders imported or deleted meanwhile). Nothing was returned, so that no result goes missing without a word: run it again.`,
	};
}

/** A list that changed faster than it could be read (see `ListKeptMoving`). */
export function describeListKeptMoving(read: number, calls: number, wording: FailureWording): AlepheeFailure {
	return {
		message: `Alephee's list kept changing while it was read, while ${wording.inProgress}`,
		description: `After ${calls} requests the node still could not be sure it had seen every result (${read} so far): orders or products kept entering and leaving the list faster than it could be paged. Nothing was returned, so that no result goes missing without a word. Run it again, or narrow the filters (a date or ID range) so the list is shorter.`,
	};
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * When no HTTP answer came. The raw error holds the request URL, and with it the API key,
 * so only its code is read: nothing of it is passed on.
 */
export function describeTransportFailure(error: unknown, wording: FailureWording): AlepheeFailure {
	const code = errorCode(error);
	if (code && TIMEOUT_CODES.has(code)) {
		return {
			message: `Alephee did not answer in time while ${wording.inProgress}`,
			description: `${checkBeforeRetrying(wording)} If Alephee is slow, raise Timeout under Request Options.`,
			errorCode: code,
		};
	}
	if (code && UNREACHABLE_CODES.has(code)) {
		return {
			message: 'Could not reach Alephee',
			description: `Nothing was sent (${code}). Check the Base URL in the Alephee credential and this machine's network access.`,
			errorCode: code,
		};
	}
	if (code && DROPPED_CODES.has(code)) {
		return {
			message: `The connection to Alephee dropped while ${wording.inProgress}`,
			description: checkBeforeRetrying(wording),
			errorCode: code,
		};
	}
	return {
		message: `The request failed before Alephee answered, while ${wording.inProgress}`,
		description: checkBeforeRetrying(wording),
		errorCode: code,
	};
}

function errorCode(error: unknown, depth = 0): string | undefined {
	if (!error || typeof error !== 'object' || depth > 3) return undefined;
	const { code, cause, message } = error as { code?: unknown; cause?: unknown; message?: unknown };
	if (typeof code === 'string' && code) return code;
	const fromCause = errorCode(cause, depth + 1);
	if (fromCause) return fromCause;
	if (typeof message === 'string') {
		if (/socket hang up/i.test(message)) return 'ECONNRESET';
		if (/timeout/i.test(message)) return 'ETIMEDOUT';
	}
	return undefined;
}
