import { describeStatus, ORDER_STATUS_NAMES, simplifyOrder } from '../../../../nodes/Alephee/shared/order';
import { ORDER_STATUS_NAMES as SANDBOX_STATUS_NAMES } from '../../../../sandbox/orderStore';

const order = {
	Id: 987654,
	ExternalOrderId: '2000001234',
	Status: { Key: 10, Value: 'Pendiente de envío' },
	StatusType: { Key: 1, Value: 'Pending' },
	MarketPlace: { Key: 1, Value: 'Mercado Libre', Channel: 'ML' },
	DateCreated: '2026-11-20T10:15:00',
	LastUpdated: '2026-11-21T08:00:00',
	DateClosed: null,
	SellerAccount: { Id: 4100, OwnCode: 'A1', Name: 'Tienda Norte', BusinessName: 'Norte SA' },
	Buyer: { Name: 'Ana Pérez', Email: 'ana@example.com' },
	Items: [
		{ Quantity: 2, UnitPrice: 1500 },
		{ Quantity: 1, UnitPrice: 999.5 },
	],
	Payments: [{ Total: 3999.5 }, { Total: 500 }],
};

describe('simplifyOrder', () => {
	it('gives the flat summary a non-coder uses in the next node', () => {
		expect(simplifyOrder(order)).toEqual({
			id: 987654,
			marketplaceOrderNumber: '2000001234',
			statusCode: 10,
			status: 'Pendiente de envío',
			statusGroup: 'Pending',
			marketplace: 'Mercado Libre',
			dateCreated: '2026-11-20T10:15:00',
			lastUpdated: '2026-11-21T08:00:00',
			dateClosed: null,
			accountId: 4100,
			sellerAccount: 'Tienda Norte',
			buyerName: 'Ana Pérez',
			total: 4499.5,
			itemCount: 3,
		});
	});

	it('without payments, totals the items; without a status text, names the code', () => {
		const summary = simplifyOrder({ ...order, Payments: [], Status: { Key: 70 } });
		expect(summary.total).toBe(3999.5);
		expect(summary.status).toBe('Deleted');
	});

	it('copes with an order that lacks parts', () => {
		expect(simplifyOrder({ Id: 1 })).toMatchObject({ id: 1, total: 0, itemCount: 0, buyerName: undefined });
	});
});

describe('order status names', () => {
	it('follow Alephee\'s documented list', () => {
		expect(Object.keys(ORDER_STATUS_NAMES).map(Number)).toEqual([0, 10, 11, 17, 20, 30, 31, 70, 80, 87, 89, 90, 91, 92, 93]);
		expect(describeStatus(70)).toBe('70 (Deleted)');
		expect(describeStatus(10)).toBe('10 (Pending shipping)');
		expect(describeStatus(55)).toBe('55');
	});

	it('name each code as Alephee does (the sandbox keeps its own copy of the documented list)', () => {
		const lowerCased = (names: Readonly<Record<number, string>>) =>
			Object.fromEntries(Object.entries(names).map(([code, name]) => [code, name.toLowerCase()]));
		expect(lowerCased(ORDER_STATUS_NAMES)).toEqual(lowerCased(SANDBOX_STATUS_NAMES));
	});
});
