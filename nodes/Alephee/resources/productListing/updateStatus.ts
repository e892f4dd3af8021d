import { type Field, field } from '../../fields/field';
import { booleanRule, jsonObjectRule } from '../../fields/rules';
import { accountField, optionsCollection } from '../../shared/descriptions';
import type { AlepheeOperation } from '../../transport/operation';
import { type ListingEntry, listingCalls } from './listingCalls';

const listingField: Field = field(
	{
		displayName: 'Listing',
		name: 'listing',
		type: 'json',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json }}',
		description:
			"The listing with its new status, as a JSON object in the shape Alephee's update-status call takes. Alephee does not publish that shape's fields (nor its status codes), so the node sends the object exactly as given: for example a listing from Search with its status changed in a Set node.",
	},
	jsonObjectRule,
	{ identifies: true },
);

const includeKitContainersField: Field = field(
	{
		displayName: 'Include Kit Containers',
		name: 'includeKitContainers',
		type: 'boolean',
		required: true,
		default: false,
		description: 'Whether the change also applies to the kits that contain the product (Alephee requires this choice)',
	},
	booleanRule,
	{ query: 'includeKitContainers', reported: true },
);

/**
 * `PUT /v2/productlistings/update-status`: the items of a run go to Alephee together, and each
 * item gets its own listing's result from the answer (`{Total, Results: [{ProductListingStatus,
 * Status, Message}]}`).
 */
export const productListingUpdateStatus: AlepheeOperation = {
	option: {
		name: 'Update Status',
		value: 'updateStatus',
		action: 'Update the status of product listings',
		description: "Change listings' statuses; the items of a run go to Alephee together, each with its own result",
	},
	request: { method: 'PUT', url: '/productlistings/update-status' },
	parameters: [accountField, listingField, includeKitContainersField, optionsCollection()],
	returns: { text: '{updated: true, accountId, includeKitContainers, listing (as sent), alepheeStatus, alepheeMessage}', keys: ['updated', 'accountId', 'includeKitContainers', 'listing', 'alepheeStatus'] },
	failureWording: ({ accountId }) => ({
		inProgress: `updating the status of listings of account ${String(accountId)}`,
		accountId: accountId as number,
		uncertainOutcome: 'The listings of this call may or may not have been updated',
		notDone: 'No listing of this call was updated',
		statuses: {
			400: {
				message: 'Alephee refused the listing as sent',
				advice: "The node sends the Listing exactly as given: check its fields against Alephee's update-status documentation. This listing was not updated.",
			},
			404: {
				message: 'Alephee did not find the listing',
				advice: "Check the listing's ID and the account: Product Listing → Search lists the account's listings. This listing was not updated.",
			},
			412: {
				message: "Alephee refused to change the listing's status",
				advice: 'This listing was not updated.',
			},
		},
	}),
	async perform({ send, nodeRun, values, reported, answerFailure }) {
		const entry: ListingEntry = {
			context: this,
			nodeRun,
			send,
			values,
			body: values.listing as ListingEntry['body'],
			answerFailure,
			output: (said) => ({ updated: true, ...reported, listing: values.listing, ...said }),
		};
		const outcome = await statusCalls.join(nodeRun, entry);
		if ('error' in outcome) throw outcome.error;
		return [outcome.json];
	},
};

const statusCalls = listingCalls({
	endpoint: 'PUT /productlistings/update-status',
	groupOf: (entry) => `${String(entry.values.accountId)}|${String(entry.values.includeKitContainers)}`,
	resultsPublished: true,
	uncertainItem: 'The listing may or may not have been updated',
	uncertainCall: 'The listings of this call may or may not have been updated',
});
