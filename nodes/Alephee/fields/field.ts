import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse, INodeProperties } from 'n8n-workflow';

import type { Rule } from './rules';

/**
 * One parameter of an operation, declared once: the property n8n shows, the rule its value must
 * pass (the error names the property's label in the newest node version), where the value goes
 * in the request, and whether the output reports it. `fields/read.ts` reads, checks and places
 * every field of an operation before anything is sent. Where the property shows (which resource
 * and operations) is not declared here: it is computed from the operations that list the field
 * (`resources/assemble.ts`).
 */
export interface Field {
	/** The value's key in the operation's values and in its output. */
	name: string;
	/** Where n8n keeps the value: the property's name, or `collection.option` inside a collection. */
	path: string;
	/** The property's label in the newest node version, as errors name it. */
	label: string;
	/** The property as n8n shows it (one per node version where they differ). */
	properties: INodeProperties[];
	rule: Rule;
	/** Left out of the request when empty, instead of refused. */
	optional: boolean;
	/** Alephee's query parameter the value goes to. */
	query?: string;
	/** Whether n8n's routing puts the value in the query (so the checked value is read from there). */
	routed: boolean;
	/** Kept beside a failed item's error on the main output, to tell which one failed. */
	identifies: boolean;
	/** Reported in the output item of a write, as it was sent. */
	reported: boolean;
	/** Where the value is read from when it is not one parameter (a choice between two ways of giving it). */
	read?: (parameter: (path: string) => unknown) => unknown;
	/**
	 * For a value that names a thing Alephee must look up first (an order by its marketplace
	 * number): turns the checked value into the one sent, before anything is changed.
	 */
	resolve?: Resolve;
}

/** The outcome of resolving a value: the value to send, or why none fits (and what to do). */
export type ResolvedOrRefused = { resolved: unknown } | { refused: string; advice: string };

/** What a resolver may use: a read of an Alephee list (`url`), in the item's account, paced like every request. */
export interface ResolveContext {
	readFrom(url: string): (overrides?: Partial<IHttpRequestOptions>) => Promise<IN8nHttpFullResponse>;
	accountId: IDataObject[string];
}

export type Resolve = (value: unknown, context: ResolveContext) => Promise<ResolvedOrRefused>;

export interface FieldOptions {
	/** Alephee's query parameter. The property gets n8n's routing for it unless `routed` is false. */
	query?: string;
	routed?: boolean;
	optional?: boolean;
	identifies?: boolean;
	reported?: boolean;
}

/** A field from its property (or its properties, one per node version) and its rule. */
export function field(property: INodeProperties | INodeProperties[], rule: Rule, options: FieldOptions = {}): Field {
	const routed = options.query !== undefined && options.routed !== false;
	const properties = (Array.isArray(property) ? property : [property]).map((one) =>
		routed ? { ...one, routing: { send: { type: 'query' as const, property: options.query! } } } : one,
	);
	const [first] = properties;
	return {
		name: first.name,
		path: first.name,
		label: properties[properties.length - 1].displayName,
		properties,
		rule,
		optional: options.optional ?? false,
		query: options.query,
		routed,
		identifies: options.identifies ?? false,
		reported: options.reported ?? false,
	};
}

/** A filter: an optional field whose value goes to the query parameter of its own name. */
export function filterField(property: INodeProperties, rule: Rule): Field {
	return field(property, rule, { query: property.name, optional: true });
}

/** The same field, with its value put in the query parameter `query` by the node (not n8n's routing). */
export function withQuery(shared: Field, query: string): Field {
	return { ...shared, query, routed: false };
}

/** The same field as an option of the collection `collection` (its value's path is inside it). */
export function inCollection(declared: Field, collection: string): Field {
	return { ...declared, path: `${collection}.${declared.name}` };
}

/** A collection (Filters, Options): its property, and the fields among its options (their values' paths inside it). */
export interface Collection {
	property: INodeProperties;
	fields: Field[];
}

/** What an operation lists, in the order n8n shows it: fields, collections of fields, and properties that are only shown (a notice, Simplify). */
export type Parameter = Field | Collection | INodeProperties;

export const isField = (parameter: Parameter): parameter is Field => 'rule' in parameter && 'properties' in parameter;

export const isCollection = (parameter: Parameter): parameter is Collection => 'property' in parameter && 'fields' in parameter;

/** The fields among an operation's parameters, collections' fields included, in order. */
export function fieldsOf(parameters: Parameter[]): Field[] {
	return parameters.flatMap((parameter) => (isField(parameter) ? [parameter] : isCollection(parameter) ? parameter.fields : []));
}

/** The properties n8n shows for a parameter (one per node version where they differ). */
export function propertiesOf(parameter: Parameter): INodeProperties[] {
	return isField(parameter) ? parameter.properties : isCollection(parameter) ? [parameter.property] : [parameter];
}

/**
 * A collection (Filters, Update Fields) whose options are fields, sorted by label as n8n lists
 * them. `extra` are options that are not fields (read by the operation itself).
 */
export function collectionOf(
	base: { displayName: string; name: string; placeholder: string },
	fields: Field[],
	extra: INodeProperties[] = [],
	{ sorted = true } = {},
): Collection {
	const options = [...fields.flatMap((declared) => declared.properties), ...extra];
	if (sorted) options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		property: { displayName: base.displayName, name: base.name, type: 'collection', placeholder: base.placeholder, default: {}, options },
		fields: fields.map((declared) => inCollection(declared, base.name)),
	};
}
