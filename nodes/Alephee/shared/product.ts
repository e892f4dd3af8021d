import { type Field, field } from '../fields/field';
import { textRule } from '../fields/rules';

/** A product's SKU, as the writes that name a product take it (`SKU` in their bodies). */
export function skuField(description: string): Field {
	return field(
		{ displayName: 'SKU', name: 'sku', type: 'string', required: true, default: '', placeholder: 'e.g. MATE-500G', description },
		textRule,
		{ identifies: true, reported: true },
	);
}

/** A product's brand, beside its SKU (`Brand` in the bodies). */
export const brandField: Field = field(
	{ displayName: 'Brand', name: 'brand', type: 'string', default: '', description: "The product's brand, when the SKU alone does not identify it" },
	textRule,
	{ optional: true, reported: true },
);
