import type { Field } from '../../fields/field';
import { accountField } from '../../shared/descriptions';

/** The Account operations that are about one account (listing the key's accounts needs none). */
export const ONE_ACCOUNT_OPERATIONS = ['getMarketplaces', 'getStores'];

/**
 * The shared Account field (picker or ID, per node version, sent as `accountId`), shown for the
 * Account operations about one account. A property of its own per version, as the shared one is
 * shown for every Order and Product operation and n8n cannot show one property for either.
 */
export const oneAccountField: Field = {
	...accountField,
	properties: accountField.properties.map((property) => ({
		...property,
		description: 'The Alephee account to read. It must be an account tied to the API key (Account → Get Many lists them).',
		displayOptions: { show: { ...property.displayOptions?.show, resource: ['account'], operation: ONE_ACCOUNT_OPERATIONS } },
	})),
};
