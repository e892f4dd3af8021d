import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import type { FailureWording } from '../transport/failureWording';
import { type AlepheeCredentials, baseUrlOf, CREDENTIAL_TYPE, sendToAlephee } from '../transport/request';

/** An account as `GET /v2/accounts` lists it. */
export interface AlepheeAccount {
	Id: number;
	Name?: string;
	BusinessName?: string;
	DocType?: string;
	DocNumber?: string;
}

/** How a read of the key's accounts is worded, by the picker and by Account → Get Many. */
export const accountsWording: FailureWording = { inProgress: 'listing the accounts of the API key' };

/** How a read of an account's marketplaces is worded, by the marketplace list and by Account → Get Marketplaces. */
export function marketplacesWording(accountId: number): FailureWording {
	return { inProgress: `listing the marketplaces of account ${accountId}`, accountId };
}

/**
 * A read for the editor (a picker, a list of options): sent through the one transport, so it is
 * paced with the key's budget and its errors are worded like every other request.
 */
export async function readForEditor(this: ILoadOptionsFunctions, url: string, wording: FailureWording, qs?: IDataObject): Promise<unknown> {
	const credentials = await this.getCredentials<AlepheeCredentials>(CREDENTIAL_TYPE);
	const response = await sendToAlephee(
		this,
		{ method: 'GET', baseURL: baseUrlOf(credentials), url, qs, headers: { Accept: 'application/json' }, json: true },
		{ credentials, wording },
	);
	return response.body;
}

/**
 * The entries of an accounts list (`/accounts`, `/accounts/{accountId}/marketplaces`): public
 * clients read a plain array; Alephee's list envelope (`Results`) is read too, as its shape for
 * these lists is not documented.
 */
export function resultsOf(answer: unknown): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	const results = (answer as { Results?: unknown } | undefined)?.Results;
	return Array.isArray(results) ? (results as IDataObject[]) : [];
}

/** "Name — Business name (Id)", as the account picker shows it. */
export function accountLabel(account: AlepheeAccount): string {
	const names = [account.Name, account.BusinessName].filter((name) => name && name.trim()).join(' — ');
	return names ? `${names} (${account.Id})` : String(account.Id);
}

/** The account chosen in the node, whichever way it was given (picker, ID, expression, 0.1.0's plain field). */
export function chosenAccountId(this: ILoadOptionsFunctions): string | undefined {
	const value = this.getCurrentNodeParameter('accountId', { extractValue: true }) as IDataObject | string | number | undefined;
	const id = String(value ?? '').trim();
	return /^\d+$/.test(id) ? id : undefined;
}
