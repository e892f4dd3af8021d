import type { Field } from '../../fields/field';
import { accountField } from '../../shared/descriptions';

/**
 * The Account field of the Account operations about one account: the shared Account field (picker
 * or ID, per node version, sent as `accountId`) with its own description, a property of its own
 * because Account → Get Many ("getAll", like Order and Product → Get Many) needs no account.
 */
export const oneAccountField: Field = {
	...accountField,
	properties: accountField.properties.map((property) => ({
		...property,
		description: 'The Alephee account to read. It must be an account tied to the API key (Account → Get Many lists them).',
	})),
};
