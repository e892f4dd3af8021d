import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Field, ResolveContext } from './field';

/** Where field values come from: n8n's parameters for one item (or for a poll), and the node and time zone for errors and dates. */
export interface FieldSource {
	parameter(path: string): unknown;
	node: INode;
	timezone: string;
	/** The item being read; none for a poll. */
	itemIndex?: number;
}

/**
 * Reads every field (from the query n8n's routing built, else from the node's parameters),
 * checks it, and puts it in Alephee's form: into `values` by name, and into `query` where the
 * field goes there. Empty optional fields are left out; the first wrong one is refused, naming
 * the field, before anything is sent.
 */
export function readFields(source: FieldSource, fields: Field[], query: IDataObject, values: IDataObject): void {
	for (const declared of fields) values[declared.name] = readRaw(source, declared, query) as IDataObject[string];
	const context = { timezone: source.timezone };
	for (const declared of fields) {
		const raw = values[declared.name];
		if (declared.optional && (raw === undefined || raw === null || raw === '')) {
			delete values[declared.name];
			if (declared.query) delete query[declared.query];
			continue;
		}
		const result = declared.rule.check(raw, context);
		if (!result.valid) throw fieldRefusal(source.node, source.itemIndex, declared, result.problem);
		values[declared.name] = result.value as IDataObject[string];
		if (declared.query) query[declared.query] = result.value as IDataObject[string];
	}
}

/** A wrong value, refused before sending: the field named, what it must be, and that nothing was sent. */
export function fieldRefusal(node: INode, itemIndex: number | undefined, declared: Field, problem: string): NodeOperationError {
	const description = `${declared.rule.expected(declared.label)} Fix the value or the expression that sets it. Nothing was sent to Alephee.`;
	return refusedField(node, itemIndex, declared.label, problem, description);
}

/** "<Label> is not valid: <problem>", with what to do: how every field refusal reads, the rule's or an operation's own. */
export function refusedField(node: INode, itemIndex: number | undefined, label: string, problem: string, description: string): NodeOperationError {
	return new NodeOperationError(node, `${label} is not valid: ${problem}`, { ...(itemIndex === undefined ? {} : { itemIndex }), description });
}

/** A field's value as n8n gives it: what the routing put in the query (evaluated once), else the parameter. */
function readRaw(source: FieldSource, declared: Field, query: IDataObject): unknown {
	if (declared.routed && declared.query) return query[declared.query];
	if (declared.read) return declared.read((path) => source.parameter(path));
	return source.parameter(declared.path);
}

/** The values of `fields`, by name (with `keepEmpty`, also those that are not set). */
export function pick(values: IDataObject, fields: Field[], keepEmpty = false): IDataObject {
	const picked: IDataObject = {};
	for (const declared of fields) if (keepEmpty || values[declared.name] !== undefined) picked[declared.name] = values[declared.name];
	return picked;
}

/**
 * Turns the values that name something Alephee must look up (an order by its marketplace number)
 * into the values sent, in `values` and in `query`; one that cannot be resolved is refused,
 * naming the field, before anything is changed.
 */
export async function resolveFields(
	source: FieldSource,
	fields: Field[],
	query: IDataObject,
	values: IDataObject,
	context: ResolveContext,
): Promise<void> {
	for (const declared of fields) {
		if (!declared.resolve || values[declared.name] === undefined) continue;
		const outcome = await declared.resolve(values[declared.name], context);
		if ('refused' in outcome) {
			throw refusedField(source.node, source.itemIndex, declared.label, outcome.refused, `${outcome.advice} Nothing was changed in Alephee.`);
		}
		values[declared.name] = outcome.resolved as IDataObject[string];
		if (declared.query) query[declared.query] = outcome.resolved as IDataObject[string];
	}
}
