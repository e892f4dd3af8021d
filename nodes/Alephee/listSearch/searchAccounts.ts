import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { type AlepheeAccount, accountLabel, accountsWording, readForEditor, resultsOf } from '../shared/account';

/** The account picker: the accounts tied to the API key, searchable by name, business name or ID. */
export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const answer = await readForEditor.call(this, '/accounts', accountsWording);
	const accounts = resultsOf(answer) as unknown as AlepheeAccount[];
	const wanted = filter?.trim().toLowerCase();
	const results = accounts
		.map((account) => ({ name: accountLabel(account), value: String(account.Id) }))
		.filter((option) => !wanted || option.name.toLowerCase().includes(wanted));
	return { results };
}
