import { createHash } from 'crypto';
import type {
	DeclarativeRestApiSettings,
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	type AlepheeFailure,
	describeHttpFailure,
	describeTransportFailure,
	type OrderReference,
} from '../helpers/errorHandler';
import { readRateLimitHeaders, type RateLimitBudget, sharedBudget } from '../helpers/rateLimiter';
import { checkPositiveWholeNumber } from '../helpers/validation';

export const CREDENTIAL_TYPE = 'alepheeApi';
export const DEFAULT_RATE_LIMIT_RETRIES = 5;

interface AlepheeCredentials extends ICredentialDataDecryptedObject {
	apiKey: string;
	baseUrl: string;
}

export interface RateLimitedOperation {
	/** Query parameters that hold Alephee IDs, with the field name the user sees for each. */
	idQueryFields: Record<keyof OrderReference, string>;
	/** The item returned for a successful (2xx) answer, from the query that was sent. */
	toResult(query: IDataObject): IDataObject;
}

/**
 * How every Alephee request is sent. n8n's declarative engine starts all items' requests at
 * once and lets only `routing.operations.pagination` wrap the call itself, so the operation
 * hooks in here to:
 * - check the IDs before anything is sent,
 * - wait for its turn in the API key's rate-limit budget, and retry a 429 after the wait
 *   Alephee announces (a 429 was not processed, so the retry cannot delete twice),
 * - turn every answer into exactly one item paired to its input: a result, or, when the
 *   node continues on fail, an error item that stays paired on either output.
 */
export function sendWithinRateLimit(operation: RateLimitedOperation) {
	return async function (
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		const query = (request.options.qs ??= {});
		try {
			const order = checkIds.call(this, query, operation.idQueryFields);
			const credentials = await this.getCredentials<AlepheeCredentials>(CREDENTIAL_TYPE);
			const response = await sendPaced.call(this, request.options, credentials, order);
			if (response.statusCode >= 200 && response.statusCode < 300) {
				return [{ json: operation.toResult(query), pairedItem }];
			}
			throw apiError.call(
				this,
				describeHttpFailure(response.statusCode, response.body, { order, secret: credentials.apiKey }),
				response.statusCode,
			);
		} catch (caught) {
			const error = asNodeError.call(this, caught);
			if (!this.continueOnFail()) throw error;
			return [{ json: failedItemJson(error), pairedItem }];
		}
	};
}

function checkIds(
	this: IExecutePaginationFunctions,
	query: IDataObject,
	fields: Record<keyof OrderReference, string>,
): OrderReference {
	const checked = {} as OrderReference;
	for (const [queryName, fieldName] of Object.entries(fields) as Array<[keyof OrderReference, string]>) {
		const check = checkPositiveWholeNumber(query[queryName]);
		if (!check.valid) {
			throw new NodeOperationError(this.getNode(), `${fieldName} is not valid: ${check.problem}`, {
				itemIndex: this.getItemIndex(),
				description: `${fieldName} must be a positive whole number, the ID shown in Alephee (for example 12345). Fix the value or the expression that sets it. Nothing was sent to Alephee.`,
			});
		}
		query[queryName] = check.value;
		checked[queryName] = check.value;
	}
	return checked;
}

async function sendPaced(
	this: IExecutePaginationFunctions,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	credentials: AlepheeCredentials,
	order: OrderReference,
): Promise<IN8nHttpFullResponse> {
	const budget = sharedBudget(budgetId(credentials.apiKey, options));
	// Handing over what was just read saves the helper a second credential read (a database
	// read and a decryption in n8n) for every item.
	const { id, name } = this.getNode().credentials?.[CREDENTIAL_TYPE] ?? {};
	const authentication: IAdditionalCredentialOptions = {
		credentialsDecrypted: { id: id ?? '', name: name ?? '', type: CREDENTIAL_TYPE, data: credentials },
	};
	const retries = Number(this.getNodeParameter('options.rateLimitRetries', DEFAULT_RATE_LIMIT_RETRIES));
	const signal = this.getExecutionCancelSignal();
	for (let attempt = 0; ; attempt++) {
		await budget.acquire(signal);
		const response = await sendOnce.call(this, options, authentication, budget, order);
		const headers = readRateLimitHeaders(response.headers);
		if (response.statusCode !== 429) {
			budget.observe(headers);
			return response;
		}
		budget.throttled(headers);
		if (attempt >= retries) return response;
	}
}

async function sendOnce(
	this: IExecutePaginationFunctions,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	authentication: IAdditionalCredentialOptions,
	budget: RateLimitBudget,
	order: OrderReference,
): Promise<IN8nHttpFullResponse> {
	try {
		// Every status comes back as an answer to describe: a thrown HTTP error would carry the URL.
		return (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			{ ...(options as IHttpRequestOptions), returnFullResponse: true, ignoreHttpStatusErrors: true },
			authentication,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		budget.release();
		// The raw error carries the request URL, and with it the API key: only its code is read.
		throw apiError.call(this, describeTransportFailure(error, { order }), undefined);
	}
}

function apiError(
	this: IExecutePaginationFunctions,
	failure: AlepheeFailure,
	statusCode: number | undefined,
): NodeApiError {
	const response: JsonObject = { Status: statusCode ?? null, Message: failure.alepheeMessage ?? null };
	const error = new NodeApiError(this.getNode(), response, {
		message: failure.message,
		description: failure.description,
		httpCode: failure.httpCode,
		itemIndex: this.getItemIndex(),
	});
	// Kept apart from httpCode: n8n would replace our message with a generic one for network codes.
	if (failure.errorCode) error.context.errorCode = failure.errorCode;
	if (failure.alepheeMessage) error.context.alepheeMessage = failure.alepheeMessage;
	return error;
}

/** Errors raised above are n8n's already; anything else (a cancelled wait) gets the node's context. */
function asNodeError(this: IExecutePaginationFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex: this.getItemIndex() });
}

/**
 * n8n sends an item to the error output only when its JSON is nothing but `error` and
 * `message` (n8n 1.x: exactly these; 2.x also allows `details`); an item carrying the error
 * object instead has its JSON replaced by the bare message. So a failed item says what
 * happened in `error`, and how to fix it, with Alephee's own words, in `message`.
 */
function failedItemJson(error: NodeApiError | NodeOperationError): IDataObject {
	return { error: error.message, message: error.description ?? error.message };
}

/** Budgets are shared per key, base URL and endpoint; the key itself is never kept. */
function budgetId(apiKey: string, options: DeclarativeRestApiSettings.HttpRequestOptions): string {
	const keyDigest = createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
	return [keyDigest, options.baseURL, options.method ?? 'GET', options.url].join(' ');
}
