import { marketplacesWording, resultsOf } from '../../shared/account';
import { optionsCollection } from '../../shared/descriptions';
import type { AlepheeOperation } from '../../transport/operation';
import { oneAccountField } from './account';


/** `GET /v2/accounts/{accountId}/marketplaces`: one output item per marketplace connected to the account (`Id`, `Name`). */
export const accountGetMarketplaces: AlepheeOperation = {
	option: {
		name: 'Get Marketplaces',
		value: 'getMarketplaces',
		action: 'Get the marketplaces of an account',
		description:
			'List the marketplaces and channels connected to an account, one item per marketplace with its ID and name. The ID is what the Marketplace filters of the other operations take.',
	},
	request: { method: 'GET', url: '/accounts/{accountId}/marketplaces' },
	parameters: [
		oneAccountField,
		optionsCollection(),
	],
	returns: { text: 'one item per marketplace connected to the account: {Id, Name}', keys: ['Id', 'Name'] },
	failureWording: ({ accountId }) => marketplacesWording(accountId as number),
	async perform({ send }) {
		return resultsOf((await send()).body);
	},
};
