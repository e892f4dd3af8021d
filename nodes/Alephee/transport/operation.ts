import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { OperationWords } from '../helpers/errorHandler';
import { type Check, checkBoolean, checkPositiveWholeNumber } from '../helpers/validation';
import {
	type AlepheeCredentials,
	CREDENTIAL_TYPE,
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_RATE_LIMIT_RETRIES,
	sendToAlephee,
} from './request';

/** A value checked, and put in the form Alephee reads, before anything is sent. */
export interface FieldCheck {
	/** The field's name as the user sees it. */
	label: string;
	check(raw: unknown): Check<unknown>;
	/** What a valid value looks like. */
	expected: string;
	/** Left out of the request when empty, instead of refused. */
	optional?: boolean;
}

export const idField = (label: string, options: { optional?: boolean } = {}): FieldCheck => ({
	label,
	check: checkPositiveWholeNumber,
	expected: `${label} must be a positive whole number, the ID shown in Alephee (for example 12345).`,
	...options,
});

export const switchField = (label: string): FieldCheck => ({
	label,
	check: checkBoolean,
	expected: `${label} must be true or false (an expression may also give the text "true" or "false").`,
});

/** Sends the operation's request, with changes for this call (a page's offset, say). */
export type Send = (changes?: Partial<IHttpRequestOptions>) => Promise<IN8nHttpFullResponse>;

export interface AlepheeOperation {
	/** Query parameters (as the routing sets them) to check before anything is sent. */
	query: Record<string, FieldCheck>;
	/** Query parameters a failed item keeps beside its error on the main output, to tell which one failed. */
	identifiedBy: string[];
	/** How errors describe this request, from the checked query. */
	words(query: IDataObject): OperationWords;
	/** Sends the request (or several: pages) and returns the output items' JSON. */
	run(this: IExecutePaginationFunctions, send: Send, query: IDataObject): Promise<IDataObject[]>;
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
export function runOperation(operation: AlepheeOperation) {
	return async function (
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		const query = (request.options.qs ??= {});
		try {
			checkQuery.call(this, query, operation.query);
			const credentials = await this.getCredentials<AlepheeCredentials>(CREDENTIAL_TYPE);
			const settings = {
				credentials,
				words: operation.words(query),
				rateLimitRetries: Number(this.getNodeParameter('options.rateLimitRetries', DEFAULT_RATE_LIMIT_RETRIES)),
				maxRateLimitWaitMs:
					Number(this.getNodeParameter('options.maxRateLimitWait', DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS)) * 1000,
				signal: this.getExecutionCancelSignal(),
				itemIndex,
			};
			const send: Send = async (changes = {}) =>
				await sendToAlephee(
					this,
					{ ...(request.options as IHttpRequestOptions), ...changes, qs: { ...query, ...changes.qs } },
					settings,
				);
			const results = await operation.run.call(this, send, query);
			return results.map((json) => ({ json, pairedItem }));
		} catch (caught) {
			const error = asNodeError.call(this, caught);
			if (!this.continueOnFail()) throw error;
			return [{ json: failedItemJson.call(this, error, operation.identifiedBy, query), pairedItem }];
		}
	};
}

function checkQuery(this: IExecutePaginationFunctions, query: IDataObject, fields: Record<string, FieldCheck>): void {
	for (const [name, field] of Object.entries(fields)) {
		const raw = query[name];
		if (field.optional && (raw === undefined || raw === null || raw === '')) {
			delete query[name];
			continue;
		}
		const result = field.check(raw);
		if (!result.valid) {
			throw new NodeOperationError(this.getNode(), `${field.label} is not valid: ${result.problem}`, {
				itemIndex: this.getItemIndex(),
				description: `${field.expected} Fix the value or the expression that sets it. Nothing was sent to Alephee.`,
			});
		}
		query[name] = result.value as IDataObject[string];
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
	query: IDataObject,
): IDataObject {
	const json: IDataObject = { error: error.message, message: error.description ?? error.message };
	if (this.getNode().onError === 'continueErrorOutput') return json;
	for (const name of identifiedBy) json[name] = query[name];
	return json;
}
