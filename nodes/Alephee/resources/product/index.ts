import type { INodeProperties } from 'n8n-workflow';

import { resourceOperations } from '../../transport/operation';
import { productGetMany } from './getAll';
import { productUpdate } from './update';

const { operationProperty, properties } = resourceOperations('product', [productGetMany, productUpdate], 'getAll');

export const productOperations: INodeProperties = operationProperty;
export const productProperties: INodeProperties[] = properties;
