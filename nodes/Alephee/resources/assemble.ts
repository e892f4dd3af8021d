import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { isCollection, isField, type Parameter, propertiesOf } from '../fields/field';
import { type AlepheeOperation, runOperation } from '../transport/operation';
import { toolDescriptionProperties } from './toolDescription';

/** A resource of the node: its operations, each in a file of its own, and the one shown first. */
export interface Resource {
	value: string;
	operations: AlepheeOperation[];
	defaultOperation: string;
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

/** A resource's Operation field: its operations, each with its routing. */
function operationPropertyOf(resource: Resource): INodeProperties {
	const { value, operations, defaultOperation } = resource;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [value] } },
		options: operations.map(optionOf),
		default: defaultOperation,
	};
}

/** What identifies a parameter across operations: the same declaration, however it was adapted (`withQuery`, `inCollection`). */
function keyOf(parameter: Parameter): object {
	if (isField(parameter)) return parameter.properties;
	if (isCollection(parameter)) return parameter.property;
	return parameter;
}

/** The property shown only for these resources and operations (and whatever else it says itself, such as a node version). */
function shownFor(property: INodeProperties, show: IDisplayOptions['show']): INodeProperties {
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...show, ...property.displayOptions?.show } } };
}

interface Use {
	parameter: Parameter;
	/** The operations that list the parameter, by resource. */
	operations: Map<string, string[]>;
}

/**
 * Resources whose operations can share one property for a parameter: for each resource, every
 * one of its operations named in the group lists the parameter (n8n shows a property for any
 * resource and any operation of its lists, so "getAll" of one resource must not bring it to the
 * "getAll" of another that does not list it).
 */
function groupsOf(use: Use, resources: Resource[]): Array<{ resources: string[]; operations: string[] }> {
	const groups: Array<{ resources: string[]; operations: string[] }> = [];
	const fits = (members: string[], operations: string[]) =>
		members.every((member) => {
			const resource = resources.find((candidate) => candidate.value === member)!;
			const listing = use.operations.get(member) ?? [];
			return resource.operations.every((operation) => !operations.includes(String(operation.option.value)) || listing.includes(String(operation.option.value)));
		});
	for (const [resource, operations] of use.operations) {
		const group = groups.find((candidate) => {
			const merged = [...new Set([...candidate.operations, ...operations])];
			return fits([...candidate.resources, resource], merged);
		});
		if (group) {
			group.resources.push(resource);
			group.operations = [...new Set([...group.operations, ...operations])];
		} else {
			groups.push({ resources: [resource], operations: [...operations] });
		}
	}
	return groups;
}

/**
 * The node's properties for its resources: an Operation field per resource, the Description an
 * AI agent gets of each operation (shown only on the node as a tool), then every parameter's
 * properties, each shown where the operations that list it are, as n8n's own
 * `updateDisplayOptions` does. A parameter listed by several operations (Account, Order ID) is
 * one property for all of them: n8n evaluates a parameter's expression for every property of its
 * name, and a user sees the same field as they switch operations.
 */
export function assembleResources(resources: Resource[]): INodeProperties[] {
	const operationProperties = resources.map(operationPropertyOf);

	const uses = new Map<object, Use>();
	for (const resource of resources) {
		for (const operation of resource.operations) {
			for (const parameter of operation.parameters) {
				const use = uses.get(keyOf(parameter)) ?? { parameter, operations: new Map<string, string[]>() };
				use.operations.set(resource.value, [...(use.operations.get(resource.value) ?? []), String(operation.option.value)]);
				uses.set(keyOf(parameter), use);
			}
		}
	}

	const properties: INodeProperties[] = [];
	const placed = new Set<object>();
	for (const resource of resources) {
		for (const operation of resource.operations) {
			for (const parameter of operation.parameters) {
				const key = keyOf(parameter);
				if (placed.has(key)) continue;
				placed.add(key);
				for (const group of groupsOf(uses.get(key)!, resources)) {
					const show = { resource: group.resources, operation: group.operations };
					properties.push(...propertiesOf(parameter).map((property) => shownFor(property, show)));
				}
			}
		}
	}
	return [...operationProperties, ...toolDescriptionProperties(resources), ...properties];
}
