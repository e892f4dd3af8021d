import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

import { loadPackage } from '../../../harness/engine';

/** The node's description of each version n8n can run (one description when one covers them all). */
async function descriptions(): Promise<INodeTypeDescription[]> {
	const type = (await loadPackage()).nodeTypes.alephee.type;
	if ('nodeVersions' in type) return Object.values((type as IVersionedNodeType).nodeVersions).map((version) => version.description);
	return [type.description as INodeTypeDescription];
}

interface CodedOption {
	/** Where the option is: the property's display name, and its collections' above it. */
	where: string;
	name: string;
	code: string;
	value: INodePropertyOptions['value'];
}

/** An option name that ends with a code in parentheses: "Receipt (1)" gives "1". */
const CODE_AT_END = /\(([^()\s]+)\)\s*$/;

/** Every option whose name ends with a code, in these properties and in all collections inside them. */
function codedOptions(properties: INodeProperties[], above = ''): CodedOption[] {
	const found: CodedOption[] = [];
	for (const property of properties) {
		const where = `${above}${property.displayName} (${property.name})`;
		for (const option of property.options ?? []) {
			if ('values' in option) {
				// A fixedCollection's group: its fields are properties of their own.
				found.push(...codedOptions((option as INodePropertyCollection).values, `${where} → ${option.displayName} → `));
			} else if ('type' in option) {
				// A collection's field.
				found.push(...codedOptions([option as INodeProperties], `${where} → `));
			} else {
				const { name, value } = option as INodePropertyOptions;
				const code = CODE_AT_END.exec(name)?.[1];
				if (code !== undefined) found.push({ where, name, code, value });
			}
		}
	}
	return found;
}

describe('Alephee node: options named with a code in parentheses', () => {
	it('each has exactly that code as its value, in every version and every collection', async () => {
		const all = (await descriptions()).flatMap((description) => codedOptions(description.properties));

		for (const { where, name, code, value } of all) {
			// Number values are compared as numbers ("Receipt (1)" is 1, not "1"); text codes as text.
			const expected = typeof value === 'number' ? Number(code) : code;
			expect({ where, name, value }).toEqual({ where, name, value: expected });
		}

		// Not vacuous: the known coded fields are all among those checked, each option of them.
		const checkedIn = (property: string) => all.filter((option) => option.where.endsWith(`(${property})`)).map((option) => option.name);
		expect(checkedIn('documentType')).toEqual(expect.arrayContaining(['Invoice (0)', 'Receipt (1)', 'Electronic Fiscal Invoice (2)']));
		expect(checkedIn('messageOption')).toEqual(
			expect.arrayContaining(['Request Variants (1)', 'Request Billing Info (2)', 'Send Invoice Link (3)', 'Other (4)', 'Delivery Promise (5)']),
		);
		expect(checkedIn('splitReason')).toEqual(expect.arrayContaining(['Fragile (1)', 'Another Warehouse (2)', 'Irregular Shape (3)', 'Other Motive (4)']));
		expect(checkedIn('status')).toEqual(
			expect.arrayContaining(['To Be Shipped (10)', 'Arrived at Pickup Point (17)', 'Shipped (20)', 'Delivered (80)', 'Cancelled (90)']),
		);
		expect(all.length).toBeGreaterThanOrEqual(17);
	});

	it('Document Type: Receipt (1) is 1 and Electronic Fiscal Invoice (2) is 2, as numbers', async () => {
		for (const description of await descriptions()) {
			const documentType = description.properties.find((property) => property.name === 'documentType');
			const valueOf = (name: string) => (documentType?.options as INodePropertyOptions[] | undefined)?.find((option) => option.name === name)?.value;
			expect(valueOf('Invoice (0)')).toBe(0);
			expect(valueOf('Receipt (1)')).toBe(1);
			expect(valueOf('Electronic Fiscal Invoice (2)')).toBe(2);
		}
	});

	it('Update Status: New Status Delivered (80) is 80', async () => {
		for (const description of await descriptions()) {
			const newStatus = description.properties.find(
				(property) => property.name === 'status' && property.displayOptions?.show?.operation?.includes('updateStatus'),
			);
			expect(newStatus?.displayName).toBe('New Status');
			expect((newStatus?.options as INodePropertyOptions[] | undefined)?.find((option) => option.name === 'Delivered (80)')?.value).toBe(80);
		}
	});
});
