import type { Resource } from '../assemble';
import { accountGetMany } from './getAll';
import { accountGetMarketplaces } from './getMarketplaces';
import { accountGetStores } from './getStores';

export const accountResource: Resource = {
	value: 'account',
	operations: [accountGetMany, accountGetMarketplaces, accountGetStores],
	defaultOperation: 'getAll',
};
