import type { INodeProperties } from 'n8n-workflow';

import { orderIdField } from '../../shared/descriptions';
import { orderDeleteProperties, orderDeleteOption } from './delete';
import { orderGetProperties, orderGetOption } from './get';
import { orderGetManyProperties, orderGetManyOption } from './getAll';
import { orderUpdateStatusProperties, orderUpdateStatusOption } from './updateStatus';

export const orderOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['order'] } },
	options: [orderDeleteOption, orderGetOption, orderGetManyOption, orderUpdateStatusOption],
	default: 'delete',
};

export const orderProperties: INodeProperties[] = [
	...orderIdField.properties,
	...orderDeleteProperties,
	...orderGetProperties,
	...orderGetManyProperties,
	...orderUpdateStatusProperties,
];
