import type { IDataObject } from 'n8n-workflow';

import { type Field, field } from '../../fields/field';
import { refusedField } from '../../fields/read';
import { idOrTextRule, percentRule, textListRule, utcInstantRule } from '../../fields/rules';
import { accountField, optionsCollection } from '../../shared/descriptions';
import { brandField, skuField } from '../../shared/product';
import type { AlepheeOperation } from '../../transport/operation';
import { type ListingEntry, listingCalls } from './listingCalls';

const discountSkuField = skuField('The SKU of the product whose listings get the discount');

const marketplaceField: Field = field(
	{
		displayName: 'Marketplace Name or ID',
		name: 'marketplace',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMarketplaces', loadOptionsDependsOn: ['accountId', 'accountId.value'] },
		default: '',
		description:
			'The marketplace whose listings get the discount. Alephee names this field Marketplace without publishing whether it takes the ID or the name: the list sends the ID; an expression may give either, sent as given. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	idOrTextRule,
	{ optional: true, reported: true },
);

const externalPublicationsField: Field = field(
	{
		displayName: 'External Publications',
		name: 'externalPublications',
		type: 'string',
		default: '',
		placeholder: 'e.g. MLA1234567, MLA7654321',
		description: "Only these publications of the product, by their IDs on the marketplace (commas between them). Empty: Alephee's choice.",
	},
	textListRule,
	{ optional: true, reported: true },
);

const discountPercentField: Field = field(
	{
		displayName: 'Discount Percent',
		name: 'discountPercent',
		type: 'number',
		required: true,
		default: 10,
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
		description: 'The discount, from 0 to 100 percent',
	},
	percentRule(0, 100),
	{ reported: true },
);

const dateField = (displayName: string, name: string, when: string): Field =>
	field(
		{
			displayName,
			name,
			type: 'dateTime',
			required: true,
			default: '',
			description: `${when}. Read in this workflow's time zone (Settings → Timezone) unless it says its own offset, and sent to Alephee in UTC, as it asks.`,
		},
		utcInstantRule,
		{ reported: true },
	);

const startDateField = dateField('Start Date', 'startDate', 'When the discount starts');
const finishDateField = dateField('Finish Date', 'finishDate', 'When the discount ends; after the start');

/** One discount as `POST /v2/productlistings/discounts` takes it (empty optional fields left out). */
function discountBody(values: IDataObject): IDataObject {
	const body: IDataObject = {
		Brand: values.brand,
		SKU: values.sku,
		Marketplace: values.marketplace,
		ExternalPublications: values.externalPublications,
		DiscountPercent: values.discountPercent,
		StartDate: values.startDate,
		FinishDate: values.finishDate,
	};
	return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/**
 * `POST /v2/productlistings/discounts`: the items of a run go to Alephee together. Alephee does
 * not publish its answer: a result per item is used when the answer holds one that is clearly
 * the item's; else a 2xx answer takes every item of the call, and the answer is passed on.
 */
export const productListingApplyDiscount: AlepheeOperation = {
	option: {
		name: 'Apply Discount',
		value: 'applyDiscount',
		action: 'Apply a discount to product listings',
		description: "Put a product's listings on discount between two dates; the items of a run go to Alephee together",
	},
	request: { method: 'POST', url: '/productlistings/discounts' },
	parameters: [accountField, discountSkuField, brandField, marketplaceField, externalPublicationsField, discountPercentField, startDateField, finishDateField, optionsCollection()],
	returns: { text: '{accepted: true, accountId, sku, discountPercent, startDate, finishDate} (dates in UTC)', keys: ['accepted', 'accountId', 'sku', 'discountPercent', 'startDate', 'finishDate'] },
	failureWording: ({ accountId }) => ({
		inProgress: `sending discounts of account ${String(accountId)}`,
		accountId: accountId as number,
		uncertainOutcome: 'The discounts of this call may or may not have been applied',
		notDone: 'No discount of this call was applied',
		statuses: {
			400: {
				message: 'Alephee refused the discount',
				advice: "The discount was not applied. Alephee's words below say which value it refused: check the SKU, Marketplace and External Publications.",
			},
			412: {
				message: 'Alephee could not apply the discount',
				advice: "The discount was not applied. Alephee's words below say why.",
			},
		},
	}),
	async perform({ send, nodeRun, values, reported, answerFailure }) {
		if (Date.parse(values.finishDate as string) <= Date.parse(values.startDate as string)) {
			throw refusedField(
				this.getNode(),
				this.getItemIndex(),
				finishDateField.label,
				`it is not after the Start Date (${String(values.startDate)} UTC; Finish Date ${String(values.finishDate)} UTC)`,
				'A discount ends after it starts: fix either date or the expressions that set them. Nothing was sent to Alephee.',
			);
		}
		const entry: ListingEntry = { context: this, nodeRun, send, values, body: discountBody(values), answerFailure, output: (said) => ({ accepted: true, ...reported, ...said }) };
		const outcome = await discountCalls.join(nodeRun, entry);
		if ('error' in outcome) throw outcome.error;
		return [outcome.json];
	},
};

const discountCalls = listingCalls({
	endpoint: 'POST /productlistings/discounts',
	groupOf: (entry) => String(entry.values.accountId),
	resultsPublished: false,
	uncertainItem: 'The discount may or may not have been applied',
	uncertainCall: 'The discounts of this call may or may not have been applied',
});
