/**
 * Order ID from node version 1.2: a resource locator. From List (the account's recent orders,
 * searched by marketplace order number or buyer), By ID (Alephee's internal ID), or By
 * Marketplace Order Number (the number buyers and marketplaces know, resolved to the internal ID
 * before the operation acts, and refused in words when no order or several have it).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Resolve, ResolvedOrRefused } from '../fields/field';
import type { Rule } from '../fields/rules';
import { idRule, textRule } from '../fields/rules';
import { findOrders } from './orderLookup';

export const orderLocator: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The order to act on: picked from the account\'s recent orders, by Alephee\'s internal ID, or by the marketplace\'s order number',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an order…',
			typeOptions: { searchListMethod: 'searchOrders', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 987654',
			hint: "Alephee's internal order ID, not the marketplace's order number",
			validation: [{ type: 'regex', properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'An order ID is a whole number, such as 987654' } }],
		},
		{
			displayName: 'By Marketplace Order Number',
			name: 'marketplaceOrderNumber',
			type: 'string',
			placeholder: 'e.g. 2000001234567890',
			hint: "The marketplace's order number (Alephee's ExternalOrderId); the node finds the order's ID first",
		},
	],
	displayOptions: { show: { '@version': [{ _cnd: { gte: 1.2 } }] } },
};

/** A marketplace order number still to be resolved to the internal order ID. */
export interface MarketplaceOrderNumber extends IDataObject {
	marketplaceOrderNumber: string;
}

const isLocator = (raw: unknown): raw is { mode?: unknown; value?: unknown } =>
	!!raw && typeof raw === 'object' && (raw as IDataObject).__rl === true;

/**
 * Order ID, however it is given: a number (versions 1 and 1.1, an expression, By ID, From List),
 * or, By Marketplace Order Number, the number to resolve (`MarketplaceOrderNumber`).
 */
export const orderRule: Rule = {
	check: (raw, context) => {
		if (isLocator(raw) && raw.mode === 'marketplaceOrderNumber') {
			const number = textRule.check(raw.value, context);
			if (!number.valid) return number;
			// Read as words where a failure names the order before it is resolved.
			const value: MarketplaceOrderNumber = { marketplaceOrderNumber: number.value as string, toString: () => `with marketplace number ${String(number.value)}` };
			return { valid: true, value };
		}
		return idRule.check(isLocator(raw) ? raw.value : raw, context);
	},
	// The words of an ID's rule, as every version says them; By Marketplace Order Number is checked as text.
	expected: (label) => idRule.expected(label),
};

/** The internal ID of the order with this marketplace order number, read from the account's order list. */
export const resolveOrder: Resolve = async (value, { readFrom, accountId }): Promise<ResolvedOrRefused> => {
	if (!value || typeof value !== 'object' || !('marketplaceOrderNumber' in value)) return { resolved: value };
	const number = String((value as MarketplaceOrderNumber).marketplaceOrderNumber);
	const query = { externalOrderIdFrom: number, externalOrderIdTo: number };
	const found = await findOrders(readFrom('/orders'), query, (order) => String(order.ExternalOrderId) === number, { sureOfNone: true, everyState: true });
	const ids = [...new Set(found.map((order) => Number(order.Id)))].sort((a, b) => a - b);
	if (ids.length === 1) return { resolved: ids[0] };
	if (!ids.length) {
		return {
			refused: `no order of account ${String(accountId)} has the marketplace order number "${number}"`,
			advice: "Check the number (the marketplace's order number, Alephee's ExternalOrderId) and the account, or choose the order From List.",
		};
	}
	return {
		refused: `${ids.length} orders of account ${String(accountId)} have the marketplace order number "${number}" (IDs ${ids.join(', ')})`,
		advice: 'Choose the one to act on By ID, or From List.',
	};
};
