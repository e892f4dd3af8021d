/** `PUT /v2/orders`: new statuses for a list of orders, answered with one result per order. */
import {
	changeStatus,
	ORDER_STATUS_CANCELLED,
	ORDER_STATUS_DELETED,
	type SandboxOrder,
	type Tracking,
} from './orderStore';
import { readJsonList } from './requestBody';

/** To be shipped, arrived, shipped, delivered, cancelled (90 for API-created orders only). */
export const UPDATABLE_STATUSES: readonly number[] = [10, 17, 20, 80, ORDER_STATUS_CANCELLED];

export interface StatusUpdateResult {
	/** The item as it was sent. */
	OrderStatus: unknown;
	Status: number;
	Message: string;
}

/**
 * The documentation names the body `orderStatus` and calls it a list, the way its portal names
 * every body (POST /v2/orders's body is `OrderInfo`, which is the order itself), so the body is
 * the bare JSON list; an object wrapping it is refused as any other malformed body would be.
 */
export function readStatusUpdates(body: string): unknown[] {
	return readJsonList(body, 'El cuerpo debe ser una lista de estados de orden (orderStatus).', 'La lista de estados de orden está vacía.');
}

export function updateStatus(
	sent: unknown,
	findOrder: (orderId: number) => SandboxOrder | undefined,
	at: Date,
): StatusUpdateResult {
	const result = (status: number, message: string) => ({ OrderStatus: sent, Status: status, Message: message });
	const { OrderId: orderId, Status: status, Tracking: tracking } = (sent ?? {}) as Record<string, unknown>;
	if (!Number.isInteger(orderId) || !Number.isInteger(status)) {
		return result(400, 'OrderId y Status son obligatorios y deben ser números enteros.');
	}
	if (tracking !== undefined && tracking !== null && (typeof tracking !== 'object' || Array.isArray(tracking))) {
		return result(400, 'Tracking debe ser un objeto {Number, Status}.');
	}
	if (!UPDATABLE_STATUSES.includes(status as number)) {
		return result(400, `El estado ${String(status)} no puede asignarse. Estados válidos: ${UPDATABLE_STATUSES.join(', ')}.`);
	}
	const order = findOrder(orderId as number);
	if (!order) return result(404, `No se encontró la orden ${String(orderId)}.`);
	// The documentation is silent here; a deleted order changing status would undo the delete.
	if (order.status === ORDER_STATUS_DELETED) {
		return result(412, `La orden ${order.orderId} fue eliminada y no puede cambiar de estado.`);
	}
	if (status === ORDER_STATUS_CANCELLED && order.createdThrough !== 'api') {
		return result(
			412,
			`La orden ${order.orderId} pertenece a un canal conectado de forma nativa: solo las órdenes creadas por la API pueden cancelarse.`,
		);
	}
	changeStatus(order, status as number, at);
	if (tracking) order.tracking = tracking as Tracking;
	return result(200, 'Estado actualizado.');
}
