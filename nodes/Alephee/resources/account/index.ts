import type { INodeProperties } from 'n8n-workflow';

import { resourceOperations } from '../../transport/operation';
import { oneAccountField } from './account';
import { accountGetMany } from './getAll';
import { accountGetMarketplaces } from './getMarketplaces';
import { accountGetStores } from './getStores';

const { operationProperty, properties } = resourceOperations('account', [accountGetMany, accountGetMarketplaces, accountGetStores], 'getAll');

export const accountOperations: INodeProperties = operationProperty;

/** Account is one property (per node version) for both operations about one account. */
export const accountProperties: INodeProperties[] = [...oneAccountField.properties, ...properties];
