import type { INodeProperties } from 'n8n-workflow';

import { orderIdField } from '../../shared/descriptions';
import { resourceOperations } from '../../transport/operation';
import { orderAttachDocument } from './attachDocument';
import { orderCreate } from './create';
import { orderDelete } from './delete';
import { orderDownloadShippingLabel } from './downloadShippingLabel';
import { orderGet } from './get';
import { orderGetMany } from './getAll';
import { orderGetDocument } from './getDocument';
import { orderSendMessage } from './sendMessage';
import { orderSplit } from './split';
import { orderUpdateStatus } from './updateStatus';

const { operationProperty, properties } = resourceOperations(
	'order',
	[
		orderAttachDocument,
		orderCreate,
		orderDelete,
		orderDownloadShippingLabel,
		orderGet,
		orderGetDocument,
		orderGetMany,
		orderSendMessage,
		orderSplit,
		orderUpdateStatus,
	],
	'delete',
);

export const orderOperations: INodeProperties = operationProperty;

/** Order ID is one property for every single-order operation (see `orderIdField`). */
export const orderProperties: INodeProperties[] = [...orderIdField.properties, ...properties];
