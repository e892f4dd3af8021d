import { collectionOf, type Field, field, filterField } from '../../fields/field';
import { booleanRule, idRule, textRule, unpublishedCodeRule } from '../../fields/rules';
import { accountField, optionsCollection, returnAllOrLimit, textProperty } from '../../shared/descriptions';
import type { AlepheeOperation } from '../../transport/operation';
import { readRequestedPages } from '../../transport/paging';

const statusField: Field = field(
	{
		displayName: 'Listing Status Code',
		name: 'status',
		type: 'number',
		required: true,
		default: 0,
		description:
			"The listing status to search, as Alephee's number for it. Alephee does not publish its listing status codes: use the number your Alephee account shows, or ask Alephee support.",
	},
	unpublishedCodeRule,
	{ query: 'status', reported: true },
);

const filters = collectionOf({ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter' }, [
	filterField(textProperty('Brand', 'brand', 'Only listings of products of this brand'), textRule),
	filterField(textProperty('External ID', 'externalID', "Only the listing with this marketplace ID (its publication's ID on the marketplace)"), textRule),
	filterField(
		{ displayName: 'Include Children', name: 'includeChilds', type: 'boolean', default: false, description: "Whether to include variations' child listings" },
		booleanRule,
	),
	filterField(textProperty('Marketplace ID', 'marketplaceId', 'Only listings on this marketplace (its ID: Account → Get Marketplaces lists them)', 'e.g. 1'), idRule),
	filterField(textProperty('SKU', 'sku', 'Only listings of the product with this SKU'), textRule),
]);

const { returnAll, limitField } = returnAllOrLimit();

/**
 * `GET /v2/productlistings/search`, page by page (read while the account may change, like every
 * list): one output item per listing, as Alephee sends it (the listing object is not published).
 */
export const productListingSearch: AlepheeOperation = {
	option: {
		name: 'Search',
		value: 'search',
		action: 'Search product listings',
		description: "Find an account's product listings (its publications on marketplaces) in one status, one item per listing as Alephee sends it",
	},
	request: { method: 'GET', url: '/productlistings/search' },
	parameters: [accountField, statusField, returnAll, limitField, filters, optionsCollection()],
	returns: { text: 'one item per listing, as Alephee sends it (Alephee does not publish the listing\'s fields)', keys: [] },
	failureWording: ({ accountId, status }) => ({
		inProgress: `searching the listings of account ${String(accountId)} in status ${String(status)}`,
		accountId: accountId as number,
	}),
	async perform({ send, values }) {
		return await readRequestedPages.call(this, send, values.limit);
	},
};
