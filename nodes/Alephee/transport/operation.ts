import type {
	DeclarativeRestApiSettings,
	IBinaryKeyData,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeHttpFailure, type FailureWording, hideSecret } from './failureWording';
import { type NodeRun, nodeRunOf } from './nodeRun';
import { takeTicket } from './rateLimiter';
import { type ListPage, readLists } from './paging';
import type { Field } from '../fields/field';
import {
	type AlepheeCredentials,
	CREDENTIAL_TYPE,
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_RATE_LIMIT_RETRIES,
	failureError,
	requestError,
	sendToAlephee,
} from './request';

/** Sends the operation's request, with changes for this call (a page's offset, say). */
export type Send = (changes?: Partial<IHttpRequestOptions>) => Promise<IN8nHttpFullResponse>;

/** The error for a failure that Alephee reports inside a 2xx answer (a per-order result, say). */
export type AnswerFailure = (statusCode: number, body: unknown) => NodeApiError;

/** What an operation's `run` gets for one item. */
export interface OperationCall {
	send: Send;
	/** The run this item belongs to (for operations that gather a run's items into batches). */
	run: NodeRun;
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
	/** What is called. */
	request: { method: 'GET' | 'PUT' | 'POST' | 'DELETE'; url: string };
	/** The operation's parameters: each read, checked and placed before anything is sent. */
	fields: Field[];
	/** The properties the operation shows of its own (shared ones, like Account, are declared once elsewhere). */
	properties: INodeProperties[];
	/** How failures describe this request, from the checked values. */
	failureWording(values: IDataObject): FailureWording;
	/**
	 * For writes: what the item changes (an order). Items of one run that change the same thing
	 * are sent one after the other, in item order, so the last item's value is the one that stays.
	 */
	changes?(values: IDataObject): string;
	/** Sends the request (or several: pages) and returns the output items: their JSON, or JSON with a file. */
	run(this: IExecutePaginationFunctions, call: OperationCall): Promise<Array<IDataObject | OutputWithFile>>;
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
function runOperation(operation: AlepheeOperation) {
	return async function (
		this: IExecutePaginationFunctions,
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		// First, synchronously, while n8n is still going through the items (so in item order).
		const run = nodeRunOf(this);
		const ticket = takeTicket();
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		const query = (request.options.qs ??= {});
		// What the item is about: checked values, or as typed where a check failed.
		const values: IDataObject = {};
		try {
			readFields.call(this, operation.fields, query, values);
			const credentials = await this.getCredentials<AlepheeCredentials>(CREDENTIAL_TYPE);
			run.checkPass();
			const settings = {
				credentials,
				wording: operation.failureWording(values),
				rateLimitRetries: Number(this.getNodeParameter('options.rateLimitRetries', DEFAULT_RATE_LIMIT_RETRIES)),
				maxRateLimitWaitMs:
					Number(this.getNodeParameter('options.maxRateLimitWait', DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS)) * 1000,
				signal: this.getExecutionCancelSignal(),
				runStop: run.stopSignal,
				ticket,
				itemIndex,
			};
			const send: Send = async (changes = {}) =>
				await sendToAlephee(
					this,
					{ ...(request.options as IHttpRequestOptions), ...changes, qs: { ...query, ...changes.qs } },
					settings,
				);
			const answerFailure: AnswerFailure = (statusCode, body) =>
				failureError(this.getNode(), describeHttpFailure(statusCode, body, settings.wording, credentials.apiKey), itemIndex);
			const reported = pick(values, operation.fields.filter((declared) => declared.reported));
			const results = await run.inTurn(
				operation.changes?.(values),
				async () => await operation.run.call(this, { send, run, values, reported, answerFailure }),
			);
			// Alephee may quote the request (and so the key) in what it returns: never in the output.
			return results.map((result) =>
				result instanceof OutputWithFile
					? { json: withoutSecret(result.json, credentials.apiKey), binary: result.binary, pairedItem }
					: { json: withoutSecret(result, credentials.apiKey), pairedItem },
			);
		} catch (caught) {
			const error = requestError(this.getNode(), caught, operation.failureWording(values), itemIndex);
			if (!this.continueOnFail()) {
				run.itemFailed(itemIndex, error.message);
				// When n8n failed the run itself during its pass (an expression it could not evaluate),
				// it awaits none of the items it had started: a rejection here would go unhandled.
				await Promise.resolve();
				run.checkPass();
				if (run.endedByN8n) return [];
				throw error;
			}
			const identifying = operation.fields.filter((declared) => declared.identifies);
			return [{ json: failedItemJson.call(this, error, pick(values, identifying, true)), pairedItem }];
		} finally {
			run.itemSettled();
		}
	};
}

/** The values of `fields`, by name (with `keepEmpty`, also those that are not set). */
function pick(values: IDataObject, fields: Field[], keepEmpty = false): IDataObject {
	const picked: IDataObject = {};
	for (const declared of fields) if (keepEmpty || values[declared.name] !== undefined) picked[declared.name] = values[declared.name];
	return picked;
}

/**
 * Reads every field (from the query n8n's routing built, else from the node's parameters),
 * checks it, and puts it in Alephee's form: into `values` by name, and into the query where the
 * field goes there. Empty optional fields are left out; the first wrong one is refused.
 */
function readFields(this: IExecutePaginationFunctions, fields: Field[], query: IDataObject, values: IDataObject): void {
	for (const declared of fields) values[declared.name] = readRaw.call(this, declared, query) as IDataObject[string];
	const context = { timezone: this.getTimezone() };
	for (const declared of fields) {
		const raw = values[declared.name];
		if (declared.optional && (raw === undefined || raw === null || raw === '')) {
			delete values[declared.name];
			if (declared.query) delete query[declared.query];
			continue;
		}
		const result = declared.rule.check(raw, context);
		if (!result.valid) throw fieldRefusal(this.getNode(), this.getItemIndex(), declared, result.problem);
		values[declared.name] = result.value as IDataObject[string];
		if (declared.query) query[declared.query] = result.value as IDataObject[string];
	}
}

/** A wrong value, refused before sending: the field named, what it must be, and that nothing was sent. */
export function fieldRefusal(node: INode, itemIndex: number, declared: Field, problem: string): NodeOperationError {
	return new NodeOperationError(node, `${declared.label} is not valid: ${problem}`, {
		itemIndex,
		description: `${declared.rule.expected(declared.label)} Fix the value or the expression that sets it. Nothing was sent to Alephee.`,
	});
}

/** A field's value as n8n gives it: what the routing put in the query (evaluated once), else the parameter. */
function readRaw(this: IExecutePaginationFunctions, declared: Field, query: IDataObject): unknown {
	if (declared.routed && declared.query) return query[declared.query];
	if (declared.read) return declared.read((path) => this.getNodeParameter(path, ''));
	return this.getNodeParameter(declared.path, '');
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

/**
 * The operation as an option of the node's Operation field, with its routing: the request, sent
 * through the transport. n8n's engine only lets `pagination` wrap the request, so every operation
 * is "paginated", even a single delete.
 */
function optionOf(operation: AlepheeOperation): INodePropertyOptions {
	return {
		...operation.option,
		routing: { request: operation.request, send: { paginate: true }, operations: { pagination: runOperation(operation) } },
	};
}

/** A resource's Operation field and the properties its operations show. */
export function resourceOperations(
	resource: string,
	operations: AlepheeOperation[],
	defaultOperation: string,
): { operationProperty: INodeProperties; properties: INodeProperties[] } {
	return {
		operationProperty: {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map(optionOf),
			default: defaultOperation,
		},
		properties: operations.flatMap((operation) => operation.properties),
	};
}

/**
 * A list operation's pages: all of them with Return All, else up to `limit` results. `lists`
 * are the query variants to read one after the other (see `readLists`).
 */
export async function readRequestedPages(
	this: IExecutePaginationFunctions,
	send: Send,
	limit: unknown,
	lists: IDataObject[] = [{}],
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const wanted = returnAll ? undefined : Number(limit ?? 50);
	return await readLists(async (qs) => (await send({ qs })).body as ListPage, lists, wanted);
}
