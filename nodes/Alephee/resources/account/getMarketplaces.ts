import { marketplacesWording, resultsOf } from '../../shared/account';
import { optionsProperty } from '../../shared/descriptions';
import type { AlepheeOperation } from '../../transport/operation';
import { pathOf } from '../../transport/path';
import { oneAccountField } from './account';

const showOnlyForAccountGetMarketplaces = { operation: ['getMarketplaces'], resource: ['account'] };

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
	fields: [oneAccountField],
	properties: [optionsProperty(showOnlyForAccountGetMarketplaces)],
	failureWording: ({ accountId }) => marketplacesWording(accountId as number),
	async run({ send, values }) {
		return resultsOf((await send({ url: pathOf(accountGetMarketplaces.request.url, values) })).body);
	},
};
