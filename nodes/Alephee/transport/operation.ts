import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeHttpFailure, describeListEndedEarly, hideSecret, type OperationWords } from '../helpers/errorHandler';
import { nodeRunOf } from './nodeRun';
import { ListEndedEarly, type ListPage, readAllPages } from './paging';
import type { CheckContext, FieldCheck } from '../helpers/fieldChecks';
import {
	type AlepheeCredentials,
	CREDENTIAL_TYPE,
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_RATE_LIMIT_RETRIES,
	failureError,
	sendToAlephee,
} from './request';

/** Sends the operation's request, with changes for this call (a page's offset, say). */
export type Send = (changes?: Partial<IHttpRequestOptions>) => Promise<IN8nHttpFullResponse>;

/** The error for a failure that Alephee reports inside a 2xx answer (a per-order result, say). */
export type AnswerFailure = (statusCode: number, body: unknown) => NodeApiError;

export interface AlepheeOperation {
	/** Query parameters (as the routing sets them) to check before anything is sent. */
	query: Record<string, FieldCheck>;
	/** Node parameters that the operation puts in the request itself (a body), checked the same way. */
	parameters?: Record<string, FieldCheck>;
	/** Values a failed item keeps beside its error on the main output, to tell which one failed. */
	identifiedBy: string[];
	/**
	 * For writes: what the item changes (an order). Items of one run that change the same thing
	 * are sent one after the other, in item order, so the last item's value is the one that stays.
	 */
	changes?(values: IDataObject): string;
	/** How errors describe this request, from the checked values. */
	words(values: IDataObject): OperationWords;
	/** Sends the request (or several: pages) and returns the output items' JSON. */
	run(this: IExecutePaginationFunctions, send: Send, values: IDataObject, answerFailure: AnswerFailure): Promise<IDataObject[]>;
}

/**
 * Runs an operation for one item. n8n's declarative engine starts all items' requests at once
 * and lets only `routing.operations.pagination` wrap the call itself, so every operation hooks
 * in here to get, for each item:
 * - its fields checked before anything is sent (and nothing sent when one is wrong),
 * - its requests sent through the one transport (pacing, 429 recovery, error words),
 * - exactly one outcome paired to its input (or the items a read lists): results, or, when the
 *   node continues on fail, an error item that stays paired on either output.
 */
function runOperation(operation: AlepheeOperation) {
	return async function (
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		// First, synchronously, while n8n is still going through the items.
		const run = nodeRunOf(this);
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		const query = (request.options.qs ??= {});
		const parameters = readParameters.call(this, operation.parameters ?? {});
		// What the item is about, as checked so far (as typed where a check failed).
		const values = (): IDataObject => ({ ...query, ...parameters });
		try {
			const context = { timezone: this.getTimezone() };
			checkValues.call(this, query, operation.query, context);
			checkValues.call(this, parameters, operation.parameters ?? {}, context);
			const credentials = await this.getCredentials<AlepheeCredentials>(CREDENTIAL_TYPE);
			run.checkPass();
			const settings = {
				credentials,
				words: operation.words(values()),
				rateLimitRetries: Number(this.getNodeParameter('options.rateLimitRetries', DEFAULT_RATE_LIMIT_RETRIES)),
				maxRateLimitWaitMs:
					Number(this.getNodeParameter('options.maxRateLimitWait', DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS)) * 1000,
				signal: this.getExecutionCancelSignal(),
				runStop: run.stopSignal,
				itemIndex,
			};
			const send: Send = async (changes = {}) =>
				await sendToAlephee(
					this,
					{ ...(request.options as IHttpRequestOptions), ...changes, qs: { ...query, ...changes.qs } },
					settings,
				);
			const answerFailure: AnswerFailure = (statusCode, body) =>
				failureError(this.getNode(), describeHttpFailure(statusCode, body, settings.words, credentials.apiKey), itemIndex);
			const results = await run.inTurn(operation.changes?.(values()), async () => await operation.run.call(this, send, values(), answerFailure));
			// Alephee may quote the request (and so the key) in what it returns: never in the output.
			return results.map((json) => ({ json: withoutSecret(json, credentials.apiKey), pairedItem }));
		} catch (caught) {
			const error =
				caught instanceof ListEndedEarly
					? failureError(this.getNode(), describeListEndedEarly(caught.read, caught.total, operation.words(values())), itemIndex)
					: asNodeError.call(this, caught);
			if (!this.continueOnFail()) {
				run.itemFailed(itemIndex, error.message);
				throw error;
			}
			return [{ json: failedItemJson.call(this, error, operation.identifiedBy, values()), pairedItem }];
		}
	};
}

/** `json` with every spelling of the key replaced, when it holds one (rare: a copy is made only then). */
function withoutSecret(json: IDataObject, secret: string): IDataObject {
	const text = JSON.stringify(json);
	if (hideSecret(text, secret) === text) return json;
	const scrub = (value: unknown): unknown => {
		if (typeof value === 'string') return hideSecret(value, secret);
		if (Array.isArray(value)) return value.map(scrub);
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([name, inner]) => [hideSecret(name, secret), scrub(inner)]));
		}
		return value;
	};
	return scrub(json) as IDataObject;
}

function readParameters(this: IExecutePaginationFunctions, fields: Record<string, FieldCheck>): IDataObject {
	const parameters: IDataObject = {};
	for (const name of Object.keys(fields)) parameters[name] = this.getNodeParameter(name, '') as IDataObject[string];
	return parameters;
}

/** Checks `values` in place: each valid one is put in Alephee's form; empty optional ones are dropped. */
function checkValues(
	this: IExecutePaginationFunctions,
	values: IDataObject,
	fields: Record<string, FieldCheck>,
	context: CheckContext,
): void {
	for (const [name, field] of Object.entries(fields)) {
		const raw = values[name];
		if (field.optional && (raw === undefined || raw === null || raw === '')) {
			delete values[name];
			continue;
		}
		const result = field.check(raw, context);
		if (!result.valid) {
			throw new NodeOperationError(this.getNode(), `${field.label} is not valid: ${result.problem}`, {
				itemIndex: this.getItemIndex(),
				description: `${field.expected} Fix the value or the expression that sets it. Nothing was sent to Alephee.`,
			});
		}
		values[name] = result.value as IDataObject[string];
	}
}

/** Errors raised above are n8n's already; anything else (a cancelled wait) gets the node's context. */
function asNodeError(this: IExecutePaginationFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex: this.getItemIndex() });
}

/**
 * n8n sends an item to the error output only when its JSON is nothing but `error` and
 * `message` (n8n 1.x: exactly these; 2.x also allows `details`), and n8n adds the input item's
 * fields there itself. On the main output the item also keeps the IDs it was for (as checked,
 * else as typed), so a table shows which order failed.
 */
function failedItemJson(
	this: IExecutePaginationFunctions,
	error: NodeApiError | NodeOperationError,
	identifiedBy: string[],
	values: IDataObject,
): IDataObject {
	const json: IDataObject = { error: error.message, message: error.description ?? error.message };
	if (this.getNode().onError === 'continueErrorOutput') return json;
	for (const name of identifiedBy) json[name] = values[name];
	return json;
}

/**
 * The routing of an operation whose requests go through the transport. n8n's engine only lets
 * `pagination` wrap the request, so every operation is "paginated", even a single delete.
 */
export function routeThroughTransport(
	request: { method: 'GET' | 'PUT' | 'POST' | 'DELETE'; url: string },
	operation: AlepheeOperation,
): NonNullable<INodePropertyOptions['routing']> {
	return {
		request,
		send: { paginate: true },
		operations: { pagination: runOperation(operation) },
	};
}

/**
 * A list operation's pages: all of them with Return All, else up to `limit` results. `lists`
 * are the query variants to read one after the other (Alephee has no "either" value for some
 * filters, so "either" is asked as both); a result listed twice is kept once.
 */
export async function readRequestedPages(
	this: IExecutePaginationFunctions,
	send: Send,
	limit: unknown,
	lists: IDataObject[] = [{}],
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const wanted = returnAll ? undefined : Number(limit ?? 50);
	const results: IDataObject[] = [];
	const ids = new Set<unknown>();
	for (const list of lists) {
		if (wanted !== undefined && results.length >= wanted) break;
		const rest = wanted === undefined ? undefined : wanted - results.length;
		const page = await readAllPages(async (paging) => (await send({ qs: { ...list, ...paging } })).body as ListPage, rest);
		for (const result of page) {
			const id = result.Id ?? result.Identification;
			if (id !== undefined && typeof id !== 'object') {
				if (ids.has(id)) continue;
				ids.add(id);
			}
			results.push(result);
		}
	}
	return results;
}
