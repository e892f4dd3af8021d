/**
 * One place that turns what Alephee (or the network) answered into words an operations
 * person can act on: `message` says what happened, `description` how to fix it, and
 * Alephee's own `Message` is quoted as it came (it is often in Spanish).
 */

export interface OrderReference {
	accountId: number;
	orderId: number;
}

export interface AlepheeFailure {
	message: string;
	description: string;
	/** The HTTP status as text, when Alephee answered. */
	httpCode?: string;
	/** The network error code (such as `ECONNRESET`), when no answer came. */
	errorCode?: string;
	/** Alephee's own explanation, exactly as sent (minus anything secret). */
	alepheeMessage?: string;
}

interface FailureContext {
	order: OrderReference;
	/** Text that must never be echoed back, even if the server quotes it. */
	secret?: string;
}

const MAX_QUOTED_LENGTH = 1000;

/** Alephee errors are `{"Status": n, "Message": "…"}`; a 500 is a plain string. */
export function readAlepheeMessage(body: unknown, secret?: string): string | undefined {
	let text: string | undefined;
	if (typeof body === 'string') {
		text = messageFromText(body);
	} else if (body && typeof body === 'object' && !Array.isArray(body)) {
		const message = (body as Record<string, unknown>).Message ?? (body as Record<string, unknown>).message;
		if (typeof message === 'string') text = message;
	}
	text = text?.trim();
	if (!text) return undefined;
	if (secret) text = text.split(secret).join('[hidden]');
	return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
}

function messageFromText(text: string): string {
	try {
		const parsed: unknown = JSON.parse(text);
		if (parsed && typeof parsed === 'object') return readAlepheeMessage(parsed) ?? '';
		if (typeof parsed === 'string') return parsed;
	} catch {
		// Not JSON: Alephee's 500 answers are plain text.
	}
	return text;
}

function withAlepheeWords(advice: string, alepheeMessage: string | undefined): string {
	return alepheeMessage
		? `${advice} Alephee says: "${alepheeMessage}"`
		: `${advice} Alephee sent no explanation.`;
}

export function describeHttpFailure(
	statusCode: number,
	body: unknown,
	{ order, secret }: FailureContext,
): AlepheeFailure {
	const alepheeMessage = readAlepheeMessage(body, secret);
	const { accountId, orderId } = order;
	const fail = (message: string, advice: string): AlepheeFailure => ({
		message,
		description: withAlepheeWords(advice, alepheeMessage),
		httpCode: String(statusCode),
		alepheeMessage,
	});

	switch (statusCode) {
		case 304:
			return fail(
				`Order ${orderId} was not deleted: Alephee reported nothing to change`,
				'Alephee answered "304 Not Modified", so nothing was deleted. Open the order in Alephee to see its current status (a deleted order stays visible with status 70, Deleted).',
			);
		case 400:
			return fail(
				`Alephee rejected the request to delete order ${orderId} as invalid`,
				'Check that Account ID and Order ID are the numeric IDs shown in Alephee.',
			);
		case 401:
			return fail(
				'Alephee did not accept the API key for this account',
				`Check the API key in the Alephee credential, and that account ${accountId} belongs to that key (Alephee support issues keys and ties them to accounts).`,
			);
		case 403:
			return fail(
				`The API key is not allowed to delete orders of account ${accountId}`,
				`Check that account ${accountId} belongs to the API key in the Alephee credential; ask Alephee support to tie it to the key if it should.`,
			);
		case 404:
			return fail(
				`Order ${orderId} was not found in account ${accountId}`,
				"Check that Order ID is Alephee's internal order ID (not the marketplace's order number) and that the order belongs to this account.",
			);
		case 412:
			return fail(
				`Alephee refused to delete order ${orderId}`,
				'Only orders created through the Alephee API can be deleted; orders that came from a natively connected marketplace or channel (such as Mercado Libre) cannot.',
			);
		case 413:
			return fail(
				'Alephee refused the request as too large',
				'Delete one order per item; Alephee limits how many objects one request may carry.',
			);
		case 429:
			return fail(
				"Alephee's rate limit was reached and the node stopped retrying",
				'The API key used up its request budget for this minute. Run the workflow again later, or raise "Rate Limit Retries" under Options. Other workflows using the same key share this budget.',
			);
		default:
			if (statusCode >= 500) {
				return fail(
					`Alephee had an internal error while deleting order ${orderId}`,
					'The order may or may not have been deleted: check it in Alephee before running this item again. If it keeps happening, contact Alephee support.',
				);
			}
			return fail(
				`Alephee answered with unexpected status ${statusCode} for order ${orderId}`,
				'Nothing confirms the order was deleted: check it in Alephee.',
			);
	}
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * When no HTTP answer came. The raw error holds the request URL, and with it the API key,
 * so only its code is read: nothing of it is passed on.
 */
export function describeTransportFailure(error: unknown, { order }: FailureContext): AlepheeFailure {
	const code = errorCode(error);
	const { orderId } = order;
	if (code && TIMEOUT_CODES.has(code)) {
		return {
			message: `Alephee did not answer in time while deleting order ${orderId}`,
			description:
				'The order may or may not have been deleted: check it in Alephee before running this item again. If Alephee is slow, raise Timeout under Request Options.',
			errorCode: code ?? 'ETIMEDOUT',
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
			message: `The connection to Alephee dropped while deleting order ${orderId}`,
			description:
				'The order may or may not have been deleted: check it in Alephee before running this item again.',
			errorCode: code,
		};
	}
	return {
		message: `The request to delete order ${orderId} failed before Alephee answered`,
		description: 'The order may or may not have been deleted: check it in Alephee before running this item again.',
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
