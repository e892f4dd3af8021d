/**
 * What an AI agent is told about the node as a tool: for each operation, what it does, the fields
 * it needs and what it returns. n8n tells an agent `<action> in Alephee` unless the node declares
 * its own Description (`toolDescription`); the action also names new nodes and, through them, the
 * agent's tools (64 characters at most), so it stays short and the rest is said here.
 */
import type { INodeProperties } from 'n8n-workflow';

import { fieldsOf, isCollection, isField } from '../fields/field';
import type { AlepheeOperation } from '../transport/operation';
import type { Resource } from './assemble';

/** The parameters a caller can set, by label: those it must give, and the others. */
function fieldsNamed(operation: AlepheeOperation): { needs: string[]; optional: string[] } {
	const needs: string[] = [];
	const optional: string[] = [];
	for (const parameter of operation.parameters) {
		if (isField(parameter)) {
			const newest = parameter.properties[parameter.properties.length - 1];
			(newest.required ? needs : optional).push(parameter.label);
		} else if (isCollection(parameter) && fieldsOf([parameter]).length) {
			// The rate-limit Options are for the workflow's builder, not for an agent.
			if (parameter.property.name !== 'options') optional.push(parameter.property.displayName);
		}
	}
	return { needs, optional };
}

/** The operation's description for an AI agent. */
export function toolDescriptionOf(operation: AlepheeOperation): string {
	const { needs, optional } = fieldsNamed(operation);
	const given = [needs.length ? `Needs: ${needs.join(', ')}` : 'Needs nothing', ...(optional.length ? [`optional: ${optional.join(', ')}`] : [])].join('; ');
	return `${String(operation.option.action)} in Alephee. ${given}. Returns ${operation.returns.text}. A failure is answered in Alephee's words.`;
}

/**
 * The Description field of the node as an AI agent's tool (n8n shows `@tool` properties only
 * there), one per operation with its own text as the default. Declaring it keeps n8n from adding
 * its own, whose automatic text is the action alone.
 */
export function toolDescriptionProperties(resources: Resource[]): INodeProperties[] {
	return resources.flatMap((resource) =>
		resource.operations.map(
			(operation): INodeProperties => ({
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				typeOptions: { rows: 3 },
				default: toolDescriptionOf(operation),
				description: 'What the AI agent is told about this tool. By default: what the operation does, what it needs and what it returns.',
				displayOptions: { show: { '@tool': [true], resource: [resource.value], operation: [String(operation.option.value)] } },
			}),
		),
	);
}
