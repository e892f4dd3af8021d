import { accountsWording, resultsOf } from '../../shared/account';
import { optionsCollection } from '../../shared/descriptions';
import type { AlepheeOperation } from '../../transport/operation';


/**
 * `GET /v2/accounts`: the accounts tied to the API key, one output item each, as Alephee sends
 * them (`Id`, `DocType`, `DocNumber`, `Name`, `BusinessName`). Paging for this list is not
 * documented, so none is asked for; a plain array and a list envelope are both read.
 */
export const accountGetMany: AlepheeOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many accounts',
		description:
			"List the Alephee accounts the API key may use, one item per account with its ID, name, business name and tax document. An account's ID is what Account takes in the other operations.",
	},
	request: { method: 'GET', url: '/accounts' },
	parameters: [
		optionsCollection(),
	],
	returns: { text: 'one item per account tied to the API key, as Alephee sends it: {Id, Name, BusinessName, DocType, DocNumber}', keys: ['Id', 'Name', 'BusinessName', 'DocType', 'DocNumber'] },
	failureWording: () => accountsWording,
	async perform({ send }) {
		return resultsOf((await send()).body);
	},
};
