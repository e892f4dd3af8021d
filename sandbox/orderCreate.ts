/**
 * `POST /v2/orders` as Alephee documents it (lifecycle-endpoints.md §1): one order per call; the
 * header's MarketplaceId, ExternalOrderId, DateCreated, Items (1–50), Buyer, Payments (1–10, at
 * most 5 Discounts each) and Shipping are required; an ExternalOrderId already in the account is
 * refused; the same product with the same quantity and unit price may not come twice; a SKU that
 * two brands share needs its Brand; StockMovement says whether the order takes stock.
 *
 * Not published, so the sandbox takes the hardest reading the node must cope with: the 201 has no
 * body (the node finds the new order by its ExternalOrderId), and refusals are `400` with
 * Alephee's `{Status, Message}` (their real codes are unknown). Buyer, Payments and Shipping are
 * checked only for their documented shape (an object, a list), never for field names.
 */
import { ApiRefusal } from './queryParameters';
import type { NewOrder, OrderLine } from './orderStore';

export const MAX_ITEMS = 50;
export const MAX_PAYMENTS = 10;
export const MAX_DISCOUNTS = 5;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);
const refuse = (message: string): never => {
	throw new ApiRefusal(400, message);
};

export interface CreateContext {
	accountId: number;
	marketplaceIds: number[];
	externalOrderIdTaken(externalOrderId: string): boolean;
	/** The brands that have a product with this SKU in the account's catalog. */
	brandsOf(sku: string): string[];
	nextOrderId(): number;
}

/** The order to store, or an ApiRefusal with Alephee's kind of message. */
export function readNewOrder(body: string, context: CreateContext): NewOrder {
	let order: unknown;
	try {
		order = JSON.parse(body);
	} catch {
		refuse('El cuerpo de la solicitud no es un JSON válido.');
	}
	if (Array.isArray(order)) refuse('Se permite crear una sola orden por solicitud.');
	if (!isObject(order)) return refuse('El cuerpo de la solicitud debe ser un objeto OrderInfo.');
	const marketplaceId = order.MarketplaceId;
	if (typeof marketplaceId !== 'number' || !context.marketplaceIds.includes(marketplaceId)) {
		refuse(`MarketplaceId ${String(marketplaceId)} no es un marketplace/canal válido para la cuenta.`);
	}
	const externalOrderId = order.ExternalOrderId;
	if (typeof externalOrderId !== 'string' || !externalOrderId.trim()) refuse('ExternalOrderId es obligatorio.');
	if (context.externalOrderIdTaken(externalOrderId as string)) {
		refuse(`Ya existe una orden con ExternalOrderId ${String(externalOrderId)} en la cuenta ${context.accountId}.`);
	}
	const dateCreated = new Date(String(order.DateCreated ?? ''));
	if (Number.isNaN(dateCreated.getTime())) refuse('DateCreated es obligatorio y debe ser una fecha.');
	const items = order.Items;
	if (!Array.isArray(items) || items.length < 1 || items.length > MAX_ITEMS) refuse(`Items debe tener entre 1 y ${MAX_ITEMS} ítems.`);
	for (const section of ['Buyer', 'Shipping']) if (!isObject(order[section])) refuse(`${section} es obligatorio.`);
	const payments = order.Payments;
	if (!Array.isArray(payments) || payments.length < 1 || payments.length > MAX_PAYMENTS) refuse(`Payments debe tener entre 1 y ${MAX_PAYMENTS} pagos.`);
	for (const payment of payments as unknown[]) {
		const discounts = isObject(payment) ? payment.Discounts : undefined;
		if (Array.isArray(discounts) && discounts.length > MAX_DISCOUNTS) refuse(`Un pago admite como máximo ${MAX_DISCOUNTS} descuentos.`);
	}
	const lines = (items as unknown[]).map((item) => readLine(item, context));
	const seen = new Set<string>();
	for (const { line } of lines) {
		const key = JSON.stringify([line.brand ?? '', line.sku, line.quantity, line.unitPrice]);
		if (seen.has(key)) refuse(`El producto ${line.sku} está repetido con la misma cantidad y precio unitario.`);
		seen.add(key);
	}
	return {
		accountId: context.accountId,
		orderId: context.nextOrderId(),
		createdThrough: 'api',
		lines: lines.map(({ line, movesStock }) => ({ ...line, movedStock: movesStock })),
		externalOrderId: externalOrderId as string,
		marketplaceId: marketplaceId as number,
		dateCreated,
		integrated: order.Integrated === true,
		erpStatus: typeof order.ErpStatus === 'string' ? order.ErpStatus : null,
		status: lines[0].status,
	};
}

function readLine(item: unknown, context: CreateContext): { line: OrderLine; movesStock: boolean; status: number } {
	if (!isObject(item)) return refuse('Cada ítem debe ser un objeto.');
	// The Product's field names are not published; the node sends Brand / SKU as the docs say to.
	const product = isObject(item.Product) ? item.Product : refuse('Product es obligatorio en cada ítem.');
	const sku = typeof product.SKU === 'string' && product.SKU.trim() ? product.SKU.trim() : refuse('Product.SKU es obligatorio.');
	const brand = typeof product.Brand === 'string' && product.Brand.trim() ? product.Brand.trim() : undefined;
	if (!brand && context.brandsOf(sku).length > 1) refuse(`El SKU ${sku} pertenece a más de una marca: indique Brand.`);
	const quantity = item.Quantity;
	if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) refuse(`Quantity inválida para ${sku}.`);
	if (typeof item.StockMovement !== 'boolean') refuse(`StockMovement es obligatorio para ${sku}.`);
	if (typeof item.UnitPrice !== 'number') refuse(`UnitPrice es obligatorio para ${sku}.`);
	if (typeof item.Status !== 'number' || !Number.isInteger(item.Status)) refuse(`Status es obligatorio para ${sku}.`);
	return {
		line: { sku, quantity: quantity as number, unitPrice: item.UnitPrice as number, ...(brand ? { brand } : {}) },
		movesStock: item.StockMovement as boolean,
		status: item.Status as number,
	};
}
