/**
 * The Alephee Trigger's parameters, each declared once as a Field where the poll reads it: the
 * same Account, Status Group and Marketplace declarations and checks as the Alephee node's.
 */
import type { INodeProperties } from 'n8n-workflow';

import { collectionOf, type Field, field, inCollection } from '../fields/field';
import { countRule, idRule } from '../fields/rules';
import { accountLocator } from '../shared/descriptions';
import { marketplaceFilterField, statusGroupField } from '../shared/orderFilters';

/** How many minutes before the latest one each poll reads again, unless the node says otherwise. */
export const DEFAULT_LOOK_BACK_MINUTES = 10;

export const eventProperty: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'New Order', value: 'newOrder', description: 'An order was created in Alephee' },
		{ name: 'Order Status Changed', value: 'statusChanged', description: "An order's status changed" },
	],
	default: 'newOrder',
};

export const triggerAccountField: Field = field(accountLocator, idRule, { query: 'accountId', routed: false });

/** A field of the node, as the trigger shows it: a poll has no declarative routing, so the value is read from the parameter. */
const readByPoll = (declared: Field): Field => ({
	...declared,
	routed: false,
	properties: declared.properties.map((property) => {
		const shown = { ...property };
		delete shown.routing;
		return shown;
	}),
});

export const triggerFilters = collectionOf({ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter' }, [
	readByPoll(marketplaceFilterField),
	readByPoll(statusGroupField),
]);

export const lookBackField: Field = inCollection(
	field(
		{
			displayName: 'Look Back (Minutes)',
			name: 'lookBackMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_LOOK_BACK_MINUTES,
			description:
				'How late an order may show up in Alephee (a marketplace sync running behind, an import) and still be emitted. Each poll reads this many minutes again; an order is emitted once, however often it is read.',
		},
		countRule,
		{ optional: true },
	),
	'options',
);

/** Everything the poll reads and checks before asking Alephee anything. */
export const TRIGGER_FIELDS: Field[] = [triggerAccountField, ...triggerFilters.fields, lookBackField];
