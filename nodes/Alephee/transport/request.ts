import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	JsonObject,
	RequestHelperFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	type AlepheeFailure,
	describeHttpFailure,
	describeListEndedEarly,
	describeListKeptMoving,
	describeLongRateLimitWait,
	describeTransportFailure,
	type FailureWording,
} from './failureWording';
import { ListEndedEarly, ListKeptMoving } from './paging';
import { keyDigest } from './secret';
import { RateLimitWaitTooLong, readRateLimitHeaders, type RateLimitBudget, sharedBudget } from './rateLimiter';

export const CREDENTIAL_TYPE = 'alepheeApi';
export const DEFAULT_RATE_LIMIT_RETRIES = 5;
/** Alephee's window is one minute; a 429 asking for much longer than that means something else. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 120;

export interface AlepheeCredentials extends ICredentialDataDecryptedObject {
	apiKey: string;
	baseUrl: string;
}

/** What a request needs from the n8n context it runs in: an item's, a list search's or a poll's. */
export interface TransportContext {
	getNode(): INode;
	helpers: Pick<RequestHelperFunctions, 'httpRequestWithAuthentication'>;
}

export interface SendSettings {
	credentials: AlepheeCredentials;
	/** How errors describe what the request was for. */
	wording: FailureWording;
	rateLimitRetries?: number;
	maxRateLimitWaitMs?: number;
	/** The execution's cancel signal: a stopped execution sends nothing more, and ends what is on the wire. */
	signal?: AbortSignal;
	/**
	 * The node run's stop: once it is raised (an item failed and the node stops on errors), no
	 * request still waiting for its turn is sent. What is already on the wire is left to finish.
	 */
	runStop?: AbortSignal;
	/** The item's place in line (`takeTicket`), taken when n8n started it; else one is taken now. */
	ticket?: number;
	itemIndex?: number;
}

/**
 * The credential's Base URL as requests use it: trimmed, without trailing slashes. (The node's
 * `requestDefaults` does the same in an expression, for requests the routing builds.)
 */
export function baseUrlOf(credentials: AlepheeCredentials): string {
	return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
}

/** A Base URL that is not an http(s) address: refused before anything is sent. */
function checkBaseUrl(node: INode, baseURL: unknown, itemIndex?: number): void {
	const text = String(baseURL ?? '').trim();
	let valid = false;
	try {
		const url = new URL(text);
		valid = (url.protocol === 'https:' || url.protocol === 'http:') && !!url.host;
	} catch {
		valid = false;
	}
	if (valid) return;
	throw new NodeOperationError(node, 'The Base URL in the Alephee credential is not a web address', {
		itemIndex,
		description: `Base URL must start with https:// (or http://), such as https://api.alephcrm.com/v2; it is "${text.slice(0, 80)}". Fix it in the Alephee credential. Nothing was sent to Alephee.`,
	});
}

/**
 * How every Alephee request is sent, whatever the operation:
 * - it waits for its turn in the API key's rate-limit budget for that endpoint,
 * - retries a 429 after the wait Alephee announces (a 429 was not processed, so a retry cannot
 *   act twice), unless that wait is longer than the request may wait,
 * - returns a 2xx answer, or throws an error in wording a person can act on. Nothing of the
 *   request URL (which holds the key) reaches an error.
 */
export async function sendToAlephee(
	context: TransportContext,
	options: IHttpRequestOptions,
	settings: SendSettings,
): Promise<IN8nHttpFullResponse> {
	const { credentials, wording } = settings;
	const retries = settings.rateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES;
	const maxWaitMs = settings.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS * 1000;
	const budget = sharedBudget(budgetId(credentials.apiKey, options));
	const fail = (failure: AlepheeFailure) => failureError(context.getNode(), failure, settings.itemIndex);
	const answerFailure = (response: IN8nHttpFullResponse) =>
		fail(describeHttpFailure(response.statusCode, response.body, wording, credentials.apiKey, response.headers?.location));
	checkBaseUrl(context.getNode(), options.baseURL, settings.itemIndex);
	const waitEnds = [settings.signal, settings.runStop].filter((signal): signal is AbortSignal => !!signal);
	const waitSignal = waitEnds.length > 1 ? AbortSignal.any(waitEnds) : waitEnds[0];
	// A request retried after a 429 keeps its place before those queued after it on this budget,
	// so two changes to one order reach Alephee in the order they were given.
	const ticket = settings.ticket ?? budget.ticket();
	for (let attempt = 0; ; attempt++) {
		try {
			await budget.acquire(waitSignal, maxWaitMs, ticket);
		} catch (error) {
			if (error instanceof RateLimitWaitTooLong) {
				throw fail(describeLongRateLimitWait(error.waitMs, maxWaitMs, wording, error.impliedByLimit));
			}
			throw notSentError(context.getNode(), settings);
		}
		// The turn may come in the same moment the run stops: nothing leaves once it has.
		if (settings.runStop?.aborted && !settings.signal?.aborted) {
			budget.release();
			throw notSentError(context.getNode(), settings);
		}
		const response = await sendOnce(context, options, settings, budget);
		const headers = readRateLimitHeaders(response.headers);
		if (response.statusCode !== 429) {
			budget.observe(headers);
			if (response.statusCode >= 200 && response.statusCode < 300) return response;
			throw answerFailure(response);
		}
		const waitMs = budget.throttled(headers);
		if (waitMs > maxWaitMs) throw fail(describeLongRateLimitWait(waitMs, maxWaitMs, wording));
		if (attempt >= retries) throw answerFailure(response);
	}
}

/** Why a request that waited for its turn was never sent: a stopped execution, or a stopped run. */
function notSentError(node: INode, settings: SendSettings): NodeOperationError {
	if (settings.runStop?.aborted && !settings.signal?.aborted) {
		const reason = settings.runStop.reason as unknown;
		return new NodeOperationError(node, reason instanceof Error ? reason.message : 'The node stopped at an error before this request was sent', {
			itemIndex: settings.itemIndex,
			description:
				'Nothing was sent to Alephee for this item. Without "Continue On Fail" (Settings → On Error) the node stops at the first failed item; turn it on to process every item whatever happens to the others.',
		});
	}
	// n8n shows an execution as canceled (not failed) when the error says "canceled", in 1.x and 2.x alike.
	return new NodeOperationError(node, 'The execution was canceled before this request was sent', { itemIndex: settings.itemIndex });
}

async function sendOnce(
	context: TransportContext,
	options: IHttpRequestOptions,
	settings: SendSettings,
	budget: RateLimitBudget,
): Promise<IN8nHttpFullResponse> {
	// Handing over what was already read saves the helper a second credential read (a database
	// read and a decryption in n8n) for every request.
	const { id, name } = context.getNode().credentials?.[CREDENTIAL_TYPE] ?? {};
	const authentication: IAdditionalCredentialOptions = {
		credentialsDecrypted: { id: id ?? '', name: name ?? '', type: CREDENTIAL_TYPE, data: settings.credentials },
	};
	try {
		// Every status comes back as an answer to describe: a thrown HTTP error would carry the URL.
		return (await context.helpers.httpRequestWithAuthentication.call(
			context as never,
			CREDENTIAL_TYPE,
			// A redirect is answered, never followed: a login page must not read as success.
			{
				...options,
				abortSignal: settings.signal,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
			},
			authentication,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		budget.release();
		if (settings.signal?.aborted) {
			throw new NodeOperationError(context.getNode(), `The execution was canceled while ${settings.wording.inProgress}`, {
				itemIndex: settings.itemIndex,
				description: settings.wording.uncertainOutcome ? `${settings.wording.uncertainOutcome}: check it in Alephee.` : undefined,
			});
		}
		// The raw error carries the request URL, and with it the API key: only its code is read.
		throw failureError(context.getNode(), describeTransportFailure(error, settings.wording), settings.itemIndex);
	}
}

/**
 * Any error of a request (or of a list read) as n8n shows it: a list that stopped short in the
 * operation's words, n8n's errors as they are, anything else with the node's context.
 */
export function requestError(node: INode, error: unknown, wording: FailureWording, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof ListEndedEarly) return failureError(node, describeListEndedEarly(error.read, error.total, wording), itemIndex);
	if (error instanceof ListKeptMoving) return failureError(node, describeListKeptMoving(error.read, error.calls, wording), itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** An n8n error from a described failure, carrying the status and Alephee's wording apart too. */
export function failureError(node: INode, failure: AlepheeFailure, itemIndex?: number): NodeApiError {
	const response: JsonObject = { Status: failure.httpCode ? Number(failure.httpCode) : null, Message: failure.alepheeMessage ?? null };
	const error = new NodeApiError(node, response, {
		message: failure.message,
		description: failure.description,
		httpCode: failure.httpCode,
		itemIndex,
	});
	// Kept apart from httpCode: n8n would replace our message with a generic one for network codes.
	if (failure.errorCode) error.context.errorCode = failure.errorCode;
	if (failure.alepheeMessage) error.context.alepheeMessage = failure.alepheeMessage;
	return error;
}

/**
 * Budgets are shared per key, base URL and endpoint (Alephee limits each endpoint on its own);
 * IDs in a path do not make a new endpoint. The key itself is never kept.
 */
function budgetId(apiKey: string, options: IHttpRequestOptions): string {
	const endpoint = (options.url ?? '').replace(/\/\d+(?=\/|$)/g, '/{id}');
	return [keyDigest(apiKey), options.baseURL, options.method ?? 'GET', endpoint].join(' ');
}
