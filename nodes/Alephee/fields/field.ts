import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { Rule } from './rules';

/**
 * One parameter of an operation, declared once: the property n8n shows, the rule its value must
 * pass (the error names the property's label), where the value goes in the request, and whether
 * the output reports it. The transport (`transport/operation.ts`) reads, checks and places every
 * field of an operation before anything is sent.
 */
export interface Field {
	/** The value's key in the operation's values and in its output. */
	name: string;
	/** Where n8n keeps the value: the property's name, or `collection.option` inside a collection. */
	path: string;
	/** The property's label, as errors name it. */
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
}

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
		label: first.displayName,
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
export function queryFilter(property: INodeProperties, rule: Rule): Field {
	return field(property, rule, { query: property.name, optional: true });
}

/** The same field, with its value sent as the query parameter `query` by the transport (not n8n's routing). */
export function sentAsQuery(shared: Field, query: string): Field {
	return { ...shared, query, routed: false };
}

/** The field's properties, shown only where `show` says (for fields outside a collection). */
export function shownFor(declared: Field, show: IDisplayOptions['show']): Field {
	return {
		...declared,
		properties: declared.properties.map((property) => ({
			...property,
			displayOptions: { ...property.displayOptions, show: { ...show, ...property.displayOptions?.show } },
		})),
	};
}

/** The same field as an option of the collection `collection` (its value's path is inside it). */
export function inCollection(declared: Field, collection: string): Field {
	return { ...declared, path: `${collection}.${declared.name}` };
}

/** The properties n8n shows for these fields, in order. */
export function propertiesOf(fields: Field[]): INodeProperties[] {
	return fields.flatMap((declared) => declared.properties);
}

/**
 * A collection (Filters, Update Fields) whose options are fields: the collection's property, and
 * the fields with their values' paths inside it. `extra` are options that are not fields (read by
 * the operation itself).
 */
export function collectionOf(
	base: { displayName: string; name: string; placeholder: string; show: IDisplayOptions['show'] },
	fields: Field[],
	extra: INodeProperties[] = [],
): { property: INodeProperties; fields: Field[] } {
	const options = [...propertiesOf(fields), ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		property: {
			displayName: base.displayName,
			name: base.name,
			type: 'collection',
			placeholder: base.placeholder,
			default: {},
			displayOptions: { show: base.show },
			options,
		},
		fields: fields.map((declared) => inCollection(declared, base.name)),
	};
}
