import type { INodeProperties } from 'n8n-workflow';

import { productGetManyFields, productGetManyOption } from './getAll';
import { productUpdateFields, productUpdateOption } from './update';

export const productOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['product'] } },
	options: [productGetManyOption, productUpdateOption],
	default: 'getAll',
};

export const productFields: INodeProperties[] = [...productGetManyFields, ...productUpdateFields];
