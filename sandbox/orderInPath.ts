/** What the order actions (`/v2/orders/{orderId}/messages`, `…/split`) know of the order in their path. */
import type { SandboxOrder } from './orderStore';
import { ApiRefusal } from './queryParameters';

export interface OrderInPath {
	order: SandboxOrder;
	/** The name of the order's marketplace, as the account lists it. */
	marketplaceName: string;
	/** Every order of the order's account (a cart's orders are among them). */
	accountOrders: SandboxOrder[];
}

/**
 * Both actions are documented for Mercado Libre only. Which code Alephee refuses another
 * marketplace's order with is not documented: 412 Precondition Failed is our reading.
 */
export function requireMercadoLibre({ order, marketplaceName }: OrderInPath, action: string): void {
	if (!/mercado li[bv]re/i.test(marketplaceName)) {
		throw new ApiRefusal(412, `La orden ${order.orderId} no es de Mercado Libre: ${action} solo está disponible para órdenes de Mercado Libre.`);
	}
}
