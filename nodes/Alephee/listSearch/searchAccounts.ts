import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { type AlepheeAccount, accountLabel, readForEditor } from '../shared/account';

/** The account picker: the accounts tied to the API key, searchable by name, business name or ID. */
export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const answer = await readForEditor.call(this, '/accounts', { inProgress: 'listing the accounts of the API key' });
	// The accounts list's shape beyond a plain array is not documented; a list envelope is read too.
	const accounts = (Array.isArray(answer) ? answer : ((answer as { Results?: unknown[] })?.Results ?? [])) as AlepheeAccount[];
	const wanted = filter?.trim().toLowerCase();
	const results = accounts
		.map((account) => ({ name: accountLabel(account), value: String(account.Id) }))
		.filter((option) => !wanted || option.name.toLowerCase().includes(wanted));
	return { results };
}
