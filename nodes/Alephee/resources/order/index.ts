import type { Resource } from '../assemble';
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

export const orderResource: Resource = {
	value: 'order',
	operations: [
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
	defaultOperation: 'delete',
};
