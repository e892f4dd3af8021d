import type { INodeProperties } from 'n8n-workflow';

import { orderIdField } from '../../shared/descriptions';
import { resourceOperations } from '../../transport/operation';
import { orderDelete } from './delete';
import { orderGet } from './get';
import { orderGetMany } from './getAll';
import { orderSendMessage } from './sendMessage';
import { orderSplit } from './split';
import { orderUpdateStatus } from './updateStatus';

const { operationProperty, properties } = resourceOperations('order', [orderDelete, orderGet, orderGetMany, orderSendMessage, orderSplit, orderUpdateStatus], 'delete');

export const orderOperations: INodeProperties = operationProperty;

/** Order ID is one property for every single-order operation (see `orderIdField`). */
export const orderProperties: INodeProperties[] = [...orderIdField.properties, ...properties];
