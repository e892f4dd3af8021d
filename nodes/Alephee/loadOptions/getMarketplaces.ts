import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { chosenAccountId, marketplacesWording, readForEditor, resultsOf } from '../shared/account';

interface AlepheeMarketplace {
	Id: number;
	Name?: string;
}

/** The marketplaces connected to the chosen account (`GET /v2/accounts/{accountId}/marketplaces`). */
export async function getMarketplaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const accountId = chosenAccountId.call(this);
	// Without an account there is nothing to ask; the field can still take an ID or an expression.
	if (!accountId) return [];
	const answer = await readForEditor.call(this, `/accounts/${accountId}/marketplaces`, marketplacesWording(Number(accountId)));
	const marketplaces = resultsOf(answer) as unknown as AlepheeMarketplace[];
	return marketplaces.map((marketplace) => ({
		name: marketplace.Name ? `${marketplace.Name} (${marketplace.Id})` : String(marketplace.Id),
		value: marketplace.Id,
	}));
}
