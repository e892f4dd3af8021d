/**
 * Order-list filters that the Alephee node's Get Many and the Alephee Trigger both offer: one
 * declaration and one check each.
 */
import { type Field, filterField } from '../fields/field';
import { codeRule, idRule } from '../fields/rules';
import { marketplaceFilterProperty } from './descriptions';
import { STATUS_GROUPS } from './order';

export const statusGroupField: Field = filterField(
	{
		displayName: 'Status Group',
		name: 'statusType',
		type: 'options',
		options: STATUS_GROUPS,
		default: 1,
		description: 'Only orders in this group of statuses. Deleted orders (70) belong to no group.',
	},
	codeRule(STATUS_GROUPS.map((group) => group.value as number)),
);

export const marketplaceFilterField: Field = filterField(marketplaceFilterProperty, idRule);
