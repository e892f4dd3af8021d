import type { INodeProperties } from 'n8n-workflow';

import { productGetManyProperties, productGetManyOption } from './getAll';
import { productUpdateProperties, productUpdateOption } from './update';

export const productOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['product'] } },
	options: [productGetManyOption, productUpdateOption],
	default: 'getAll',
};

export const productProperties: INodeProperties[] = [...productGetManyProperties, ...productUpdateProperties];
