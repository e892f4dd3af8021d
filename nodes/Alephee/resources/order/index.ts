import type { INodeProperties } from 'n8n-workflow';

import { orderIdField } from '../../shared/descriptions';
import { orderDeleteFields, orderDeleteOption } from './delete';
import { orderGetFields, orderGetOption } from './get';
import { orderGetManyFields, orderGetManyOption } from './getAll';
import { orderUpdateStatusFields, orderUpdateStatusOption } from './updateStatus';

export const orderOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['order'] } },
	options: [orderDeleteOption, orderGetOption, orderGetManyOption, orderUpdateStatusOption],
	default: 'delete',
};

export const orderFields: INodeProperties[] = [
	orderIdField,
	...orderDeleteFields,
	...orderGetFields,
	...orderGetManyFields,
	...orderUpdateStatusFields,
];
