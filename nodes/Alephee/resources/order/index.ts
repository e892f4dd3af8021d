import type { INodeProperties } from 'n8n-workflow';

import { accountFields } from '../../shared/descriptions';
import { orderDeleteFields, orderDeleteOption } from './delete';
import { orderGetFields, orderGetOption } from './get';
import { orderGetManyFields, orderGetManyOption } from './getAll';
import { orderUpdateStatusFields, orderUpdateStatusOption } from './updateStatus';

const showOnlyForOrders = { resource: ['order'] };

export const orderDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForOrders },
		options: [orderDeleteOption, orderGetOption, orderGetManyOption, orderUpdateStatusOption],
		default: 'delete',
	},
	...accountFields(showOnlyForOrders),
	...orderDeleteFields,
	...orderGetFields,
	...orderGetManyFields,
	...orderUpdateStatusFields,
];
