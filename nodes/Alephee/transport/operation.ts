import type {
	DeclarativeRestApiSettings,
	IBinaryKeyData,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeHttpFailure, type FailureWording } from './failureWording';
import { type NodeRun, nodeRunOf, runsAsTool } from './nodeRun';
import { pathOf } from './path';
import { takeTicket } from './rateLimiter';
import {
	type AlepheeCredentials,
	CREDENTIAL_TYPE,
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_RATE_LIMIT_RETRIES,
	failureError,
	requestError,
	sendToAlephee,
} from './request';
import { withoutSecret } from './secret';
import { fieldsOf, type Parameter } from '../fields/field';
import { pick, readFields, resolveFields } from '../fields/read';

/** Sends the operation's request, with what differs for this call (a page's offset, a body). */
export type Send = (overrides?: Partial<IHttpRequestOptions>) => Promise<IN8nHttpFullResponse>;

/** The error for a failure that Alephee reports inside a 2xx answer (a per-order result, say). */
export type AnswerFailure = (statusCode: number, body: unknown) => NodeApiError;

/** What an operation's `perform` gets for one item. */
export interface OperationCall {
	send: Send;
	/** The run of the node this item belongs to (for operations that gather a run's items into batches). */
	nodeRun: NodeRun;
	/** Every field's value, checked and in Alephee's form, by field name (empty optional ones left out). */
	values: IDataObject;
	/** The values of the fields the output reports. */
	reported: IDataObject;
	answerFailure: AnswerFailure;
}

/** An output item that carries a file (a label, a document) beside its JSON. */
export class OutputWithFile {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

export interface AlepheeOperation {
	/** How the operation is listed in the node's Operation field. */
	option: Pick<INodePropertyOptions, 'name' | 'value' | 'action' | 'description'>;
	/**
	 * What is called. IDs in the path (`/orders/{orderId}/messages`) are filled from the checked
	 * values of the fields of that name, by the runner, for every request of the item.
	 */
	request: { method: 'GET' | 'PUT' | 'POST' | 'DELETE'; url: string };
	/**
	 * The operation's parameters, in the order n8n shows them, each declared once: its fields
	 * (read, checked and placed before anything is sent), collections of fields, and properties
	 * that are only shown (a notice, Simplify). Where each shows is computed when the resources
	 * are assembled.
	 */
	parameters: Parameter[];
	/**
	 * What one output item holds, told to an AI agent with the fields the operation needs
	 * (`resources/toolDescription.ts`): `text` follows "Returns", and names `keys`, the keys every
	 * output item has with the operation's default settings.
	 */
	returns: { text: string; keys: string[] };
	/** How failures describe this request, from the checked values. */
	failureWording(values: IDataObject): FailureWording;
	/**
	 * For writes: what the item changes (an order). Items of one run that change the same thing
	 * are sent one after the other, in item order, so the last item's value is the one that stays.
	 */
	target?(values: IDataObject): string;
	/** Sends the request (or several: pages) and returns the output items: their JSON, or JSON with a file. */
	perform(this: IExecutePaginationFunctions, call: OperationCall): Promise<Array<IDataObject | OutputWithFile>>;
}

/** The run's credentials, read once for all its items and their batches (n8n reads its database for each read). */
export async function credentialsOfRun(nodeRun: NodeRun, context: IExecutePaginationFunctions): Promise<AlepheeCredentials> {
	return await nodeRun.readOnce('credentials', async () => await context.getCredentials<AlepheeCredentials>(CREDENTIAL_TYPE));
}

/**
 * Runs an operation for one item. n8n's declarative engine starts all items' requests at once
 * and lets only `routing.operations.pagination` wrap the call itself, so every operation hooks
 * in here to get, for each item:
 * - its fields read and checked before anything is sent (and nothing sent when one is wrong),
 * - its requests sent through the one transport (pacing, 429 recovery, failure wording),
 * - exactly one outcome paired to its input (or the items a read lists): results, or, when the
 *   node continues on fail, an error item that stays paired on either output.
 */
export function runOperation(operation: AlepheeOperation) {
	const fields = fieldsOf(operation.parameters);
	const reportedFields = fields.filter((declared) => declared.reported);
	const identifyingFields = fields.filter((declared) => declared.identifies);
	const resolvingFields = fields.filter((declared) => declared.resolve);
	return async function (
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		// First, synchronously, while n8n is still going through the items (so in item order).
		const nodeRun = nodeRunOf(this);
		const ticket = takeTicket();
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		const query = (request.options.qs ??= {});
		// What the item is about: checked values, or as typed where a check failed.
		const values: IDataObject = {};
		try {
			const source = { parameter: (path: string) => this.getNodeParameter(path, ''), node: this.getNode(), timezone: this.getTimezone(), itemIndex };
			readFields(source, fields, query, values);
			const credentials = await credentialsOfRun(nodeRun, this);
			nodeRun.checkPass();
			const common = {
				credentials,
				rateLimitRetries: Number(this.getNodeParameter('options.rateLimitRetries', DEFAULT_RATE_LIMIT_RETRIES)),
				maxRateLimitWaitMs:
					Number(this.getNodeParameter('options.maxRateLimitWait', DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS)) * 1000,
				signal: this.getExecutionCancelSignal(),
				runStop: nodeRun.stopSignal,
				ticket,
				itemIndex,
			};
			if (resolvingFields.length) {
				// A read in the item's account only, before the operation's own request.
				const { accountId } = values;
				const lookingUp = resolvingFields.map((declared) => declared.label).join(', ');
				const lookup = { ...common, wording: { inProgress: `looking up ${lookingUp} in account ${String(accountId)}`, accountId: accountId as number } };
				const readFrom = (url: string): Send => async (overrides = {}) =>
					await sendToAlephee(
						this,
						{ ...(request.options as IHttpRequestOptions), method: 'GET', url, body: undefined, ...overrides, qs: { accountId, ...overrides.qs } },
						lookup,
					);
				await resolveFields(source, resolvingFields, query, values, { readFrom, accountId });
			}
			const url = pathOf(operation.request.url, values);
			const settings = { ...common, wording: operation.failureWording(values) };
			const send: Send = async (overrides = {}) =>
				await sendToAlephee(
					this,
					{ ...(request.options as IHttpRequestOptions), url, ...overrides, qs: { ...query, ...overrides.qs } },
					settings,
				);
			const answerFailure: AnswerFailure = (statusCode, body) =>
				failureError(this.getNode(), describeHttpFailure(statusCode, body, settings.wording, credentials.apiKey), itemIndex);
			const reported = pick(values, reportedFields);
			const results = await nodeRun.inTurn(
				operation.target?.(values),
				async () => await operation.perform.call(this, { send, nodeRun, values, reported, answerFailure }),
			);
			// Alephee may quote the request (and so the key) in what it returns: never in the output.
			return results.map((result) =>
				result instanceof OutputWithFile
					? { json: withoutSecret(result.json, credentials.apiKey), binary: result.binary, pairedItem }
					: { json: withoutSecret(result, credentials.apiKey), pairedItem },
			);
		} catch (caught) {
			const error = requestError(this.getNode(), caught, operation.failureWording(values), itemIndex);
			if (!this.continueOnFail() && !runsAsTool(this)) {
				nodeRun.itemFailed(itemIndex, error.message);
				// When n8n failed the run itself during its pass (an expression it could not evaluate),
				// it awaits none of the items it had started: a rejection here would go unhandled.
				await Promise.resolve();
				nodeRun.checkPass();
				if (nodeRun.endedByN8n) return [];
				throw error;
			}
			return [{ json: failedItemJson.call(this, error, pick(values, identifyingFields, true)), pairedItem }];
		} finally {
			nodeRun.itemSettled();
		}
	};
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
	identifying: IDataObject,
): IDataObject {
	const json: IDataObject = { error: error.message, message: error.description ?? error.message };
	if (this.getNode().onError === 'continueErrorOutput') return json;
	return { ...json, ...identifying };
}

