/**
 * The lines of an order to create, Alephee's `Items`: given in the Items fields or, with Items
 * From → JSON, as a list from an expression; checked line by line before anything is sent.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { type Check, checkBoolean, checkPositiveWholeNumber } from '../../fields/checks';
import { type Field, field } from '../../fields/field';
import { amountRule, parseJson, type Rule, textRule } from '../../fields/rules';

/** Alephee's documented cap of lines (`Items`) per order. */
export const MAX_ITEMS = 50;

/** One order line as the user gives it (the Items list). */
interface ItemInput {
	brand?: unknown;
	sku?: unknown;
	quantity?: unknown;
	unitPrice?: unknown;
	unitCost?: unknown;
	stockMovement?: unknown;
	status?: unknown;
}

/**
 * The order lines, in Alephee's `Items` shape: 1 to 50, each with a product (SKU, and Brand when
 * the SKU alone is ambiguous), a quantity, a unit price, whether it moves stock and a status;
 * the same product with the same quantity and unit price may not be given twice.
 */
const itemsRule: Rule = {
	check: (raw) => {
		// From the Items fields ({ item: [...] }) or from Items (JSON) (a list, or text holding one).
		const parsed = parseJson(raw);
		if (!parsed.valid) return parsed;
		const given = parsed.value;
		const lines = (Array.isArray(given) ? given : ((given as { item?: ItemInput[] } | undefined)?.item ?? [])) as ItemInput[];
		if (!Array.isArray(lines) || lines.some((entry) => !entry || typeof entry !== 'object')) {
			return { valid: false, problem: 'it is not a list of lines' };
		}
		if (lines.length < 1 || lines.length > MAX_ITEMS) {
			return { valid: false, problem: `it has ${lines.length} lines; Alephee takes 1 to ${MAX_ITEMS}` };
		}
		const items: IDataObject[] = [];
		const seen = new Set<string>();
		for (const [index, line] of lines.entries()) {
			const item = orderLine(line, index + 1);
			if (!item.valid) return item;
			const product = item.value.Product as IDataObject;
			const key = JSON.stringify([String(product.Brand ?? '').toLowerCase(), String(product.SKU).toLowerCase(), item.value.Quantity, item.value.UnitPrice]);
			if (seen.has(key)) {
				return { valid: false, problem: `line ${index + 1} repeats product ${String(product.SKU)} with the same quantity and unit price (Alephee refuses that: merge the lines)` };
			}
			seen.add(key);
			items.push(item.value);
		}
		return { valid: true, value: items };
	},
	expected: (label) =>
		`${label} must have 1 to ${MAX_ITEMS} lines, each with a SKU, a Quantity (a whole number, 1 or more), a Unit Price (a number), Stock Movement (true or false) and a Status (a whole number).`,
};

function orderLine(line: ItemInput, number: number): Check<IDataObject> {
	const problem = (what: string): Check<IDataObject> => ({ valid: false, problem: `line ${number}: ${what}` });
	const sku = textRule.check(line.sku, { timezone: 'UTC' });
	if (!sku.valid) return problem(`SKU ${sku.problem}`);
	const quantity = checkPositiveWholeNumber(line.quantity);
	if (!quantity.valid) return problem(`Quantity ${quantity.problem}`);
	const unitPrice = amountRule().check(line.unitPrice, { timezone: 'UTC' });
	if (!unitPrice.valid) return problem(`Unit Price ${unitPrice.problem}`);
	const stockMovement = checkBoolean(line.stockMovement ?? true);
	if (!stockMovement.valid) return problem(`Stock Movement ${stockMovement.problem}`);
	const status = checkPositiveWholeNumber(line.status);
	if (!status.valid) return problem(`Status ${status.problem}`);
	const item: IDataObject = {
		// Alephee's create page says to send the catalog product's Brand / SKU; its type table is cut
		// before the Product fields, so the names of Alephee's product update are used.
		Product: line.brand === undefined || line.brand === null || String(line.brand).trim() === '' ? { SKU: sku.value } : { Brand: String(line.brand).trim(), SKU: sku.value },
		Quantity: quantity.value,
		StockMovement: stockMovement.value,
		UnitPrice: unitPrice.value as number,
		Status: status.value,
	};
	// 0 is the field's default: no cost given.
	if (line.unitCost !== undefined && line.unitCost !== null && line.unitCost !== '' && Number(line.unitCost) !== 0) {
		const unitCost = amountRule().check(line.unitCost, { timezone: 'UTC' });
		if (!unitCost.valid) return problem(`Unit Cost ${unitCost.problem}`);
		item.UnitPriceCost = unitCost.value as number;
	}
	return { valid: true, value: item };
}

const itemsFieldFromFields: Field = field(
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		required: true,
		default: {},
		description: `The order's lines, 1 to ${MAX_ITEMS}`,
		displayOptions: { show: { itemsFrom: ['fields'] } },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{ displayName: 'Brand', name: 'brand', type: 'string', default: '', description: 'The product\'s brand, when the SKU alone does not identify it' },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'Units ordered' },
					{ displayName: 'SKU', name: 'sku', type: 'string', default: '', description: 'The SKU of the catalog product' },
					{
						displayName: 'Status',
						name: 'status',
						type: 'number',
						default: 10,
						description:
							"The line's status code (Alephee sets the order's status from its lines). Alephee does not publish the list of line statuses; its order codes are used here (10 pending shipping).",
					},
					{
						displayName: 'Stock Movement',
						name: 'stockMovement',
						type: 'boolean',
						default: true,
						description:
							"Whether Alephee takes the units from the product's stock. Only an order that moved stock gives it back when deleted with Revert Stock or cancelled.",
					},
					{ displayName: 'Unit Cost', name: 'unitCost', type: 'number', default: 0, description: 'Your cost per unit (optional; leave 0 to not send it)' },
					{ displayName: 'Unit Price', name: 'unitPrice', type: 'number', default: 0, description: 'The price per unit; it takes precedence over the catalog price' },
				],
			},
		],
	},
	itemsRule,
);

/** The order lines, from the Items fields or from Items (JSON), as Items From says. */
export const itemsField: Field = {
	...itemsFieldFromFields,
	read: (parameter) => (parameter('itemsFrom') === 'json' ? parameter('itemsJson') : parameter('items')),
};

export const linesFromProperty: INodeProperties = {
	displayName: 'Items From',
	name: 'itemsFrom',
	type: 'options',
	default: 'fields',
	options: [
		{ name: 'Fields Below', value: 'fields', description: 'Enter each line in the Items fields' },
		{ name: 'JSON', value: 'json', description: 'A list of lines from an expression or JSON, such as the lines of a shop order' },
	],
	description: 'How the order lines are given',
};

export const itemsJsonProperty: INodeProperties = {
	displayName: 'Items (JSON)',
	name: 'itemsJson',
	type: 'json',
	default: '[{"sku": "", "quantity": 1, "unitPrice": 0, "stockMovement": true, "status": 10}]',
	description:
		'A list of lines, each {"sku", "brand" (optional), "quantity", "unitPrice", "unitCost" (optional), "stockMovement" (default true), "status"}: the same as the Items fields',
	displayOptions: { show: { itemsFrom: ['json'] } },
};
