import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { collectionOf, type Field, field, filterField } from '../../fields/field';
import { anyOrBooleanRule, idRule, textRule } from '../../fields/rules';
import { marketplaceFilterProperty, optionsCollection, returnAllOrLimit } from '../../shared/descriptions';
import type { AlepheeOperation } from '../../transport/operation';
import { readRequestedPages } from '../../transport/paging';
import { oneAccountField } from './account';


/** A filter Alephee reads as true, false, or (left out) either. */
function eitherFilter(displayName: string, name: string, description: string, onlyTrue: string, onlyFalse: string): Field {
	const property: INodeProperties = {
		displayName,
		name,
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: onlyTrue, value: 'true' },
			{ name: onlyFalse, value: 'false' },
		],
		default: 'any',
		description,
	};
	return field(property, anyOrBooleanRule, { optional: true });
}

const EITHER_FILTERS = ['allowPickupInStores', 'withAccountPickup'];

const filters = collectionOf({ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter' }, [
	eitherFilter(
		'Allow Pickup in Stores',
		'allowPickupInStores',
		'Only branches where buyers pick up their orders (True), only the other branches (False), or all (Any)',
		'Only Pickup-in-Store Branches',
		'Only Other Branches',
	),
	filterField(
		{
			...marketplaceFilterProperty,
			name: 'marketplace',
			description:
				'Only stores of this marketplace, among those connected to the account (Account → Get Marketplaces lists them). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		idRule,
	),
	eitherFilter(
		'With Account Pickup',
		'withAccountPickup',
		'Only stores with an associated seller account (True), only those without one (False), or all (Any)',
		'Only With a Seller Account',
		'Only Without a Seller Account',
	),
]);

const sortField: Field = field(
	{
		displayName: 'Sort By',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'ID', value: 'ID' },
			{ name: 'Date Created', value: 'dateCreated' },
		],
		default: 'ID',
		description: 'The order of the stores; Alephee sorts in ascending order only',
	},
	textRule,
	{ query: 'sort', optional: true },
);

const { returnAll, limitField } = returnAllOrLimit();

/** `GET /v2/accounts/{accountId}/stores`, page by page: one output item per store, as Alephee sends it. */
export const accountGetStores: AlepheeOperation = {
	option: {
		name: 'Get Stores',
		value: 'getStores',
		action: 'Get the stores of an account',
		description:
			"List an account's stores and branches, one item per store with its ID, name, address, whether buyers can pick up there and its seller account; optionally only pickup branches or one marketplace's",
	},
	request: { method: 'GET', url: '/accounts/{accountId}/stores' },
	parameters: [oneAccountField, returnAll, limitField, filters, optionsCollection([sortField])],
	returns: { text: 'one item per store of the account, as Alephee sends it: {Id, Name, Address, OpenHours, AllowPickUpStore, …}', keys: ['Id', 'Name', 'Address', 'OpenHours', 'AllowPickUpStore'] },
	failureWording: ({ accountId }) => ({ inProgress: `listing the stores of account ${accountId}`, accountId: accountId as number }),
	async perform({ send, values }) {
		// Any leaves the filter out: Alephee's default (null) lists all.
		const either: IDataObject = {};
		for (const name of EITHER_FILTERS) if (typeof values[name] === 'boolean') either[name] = values[name];
		return await readRequestedPages.call(this, send, values.limit, [either]);
	},
};
