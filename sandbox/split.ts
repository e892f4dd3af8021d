/**
 * `POST /v2/orders/{orderId}/split` as documented (../shared/alephee/lifecycle-endpoints.md §5):
 * Mercado Libre only; `splitReasonId` 1 fragile, 2 another_warehouse, 3 irregular_shape,
 * 4 other_motive; the order must belong to a cart (orders pack, shared `PackId`) with more than
 * one order, not be delivered, and its label must not be in substate PENDING or STALE.
 * Afterwards the order is alone in a new pack: its `PackId` and `ExternalShippingId` change.
 *
 * Not documented, so our reading: the codes of a refusal (400 for a bad reason, 412 for a failed
 * precondition) and the body of a success (200 with a string). Mercado Libre "may take time" to
 * show the new pack; the sandbox shows it at once.
 */
import { ORDER_STATUS_DELIVERED } from './orderStore';
import { type OrderInPath, requireMercadoLibre } from './orderInPath';
import { ApiRefusal, readInteger } from './queryParameters';

export const SPLIT_REASONS: Readonly<Record<number, string>> = { 1: 'fragile', 2: 'another_warehouse', 3: 'irregular_shape', 4: 'other_motive' };

/** Label substates that forbid a split. */
const BLOCKING_LABEL_SUBSTATES = ['PENDING', 'STALE'];

export function splitOrder(target: OrderInPath, query: Record<string, string>, at: Date): { status: number; body: string } {
	const { order, accountOrders } = target;
	const reason = readInteger(query, 'splitReasonId');
	if (reason === undefined || !SPLIT_REASONS[reason]) {
		throw new ApiRefusal(400, 'El parámetro splitReasonId es obligatorio y debe ser 1, 2, 3 o 4.');
	}
	requireMercadoLibre(target, 'la división de órdenes');
	const cart = order.packId === undefined ? [] : accountOrders.filter((other) => other.packId === order.packId);
	if (cart.length < 2) {
		throw new ApiRefusal(412, `La orden ${order.orderId} no pertenece a un carrito (ORDERS PACK) con más de una orden.`);
	}
	if (order.status === ORDER_STATUS_DELIVERED) throw new ApiRefusal(412, `La orden ${order.orderId} ya fue entregada.`);
	if (order.labelSubstatus && BLOCKING_LABEL_SUBSTATES.includes(order.labelSubstatus.toUpperCase())) {
		throw new ApiRefusal(412, `La etiqueta de la orden ${order.orderId} está en subestado ${order.labelSubstatus}.`);
	}
	const newPackId = Math.max(...accountOrders.map((other) => other.packId ?? 0)) + 1;
	order.packId = newPackId;
	// Mercado Libre shipment IDs are numbers; the new one is made up from the new pack.
	order.externalShippingId = String(40_000_000_000 + newPackId);
	order.lastUpdated = at;
	return { status: 200, body: 'La orden fue separada del carrito.' };
}
