/**
 * `GET /v2/accounts/{accountId}/stores` as documented (../shared/alephee/lifecycle-endpoints.md
 * §6): the list envelope; `allowPickupInStores` (true: only pickup-in-store branches, false: only
 * the others, left out: all), `withAccountPickup` (with or without an associated seller account),
 * `marketplace`, `sort` (`ID`, the default, or `dateCreated`; ascending), `offset`, `limit` (100).
 * Each store in the documented `Store` shape.
 *
 * Our reading where the documentation is silent: `marketplace` keeps the stores with an external
 * ID on that marketplace; `ExternalStoreId` is a list (the portal names one object of
 * "marketplace-side ids", a public client reads a list); 416 is documented without a meaning
 * and never answered.
 */
import { listPage } from './listPage';
import { badParameter, readBoolean, readInteger } from './queryParameters';

export interface NewStore {
	id: number;
	name: string;
	businessName?: string;
	/** Buyers can pick up their orders there (`AllowPickUpStore`); default false. */
	allowPickUpStore?: boolean;
	/** The seller account associated with the store (`AccountPickup`); default none. */
	accountPickup?: { name: string; businessName?: string; sellerAccountId: number };
	/** The store's IDs on marketplaces (`ExternalStoreId`). */
	external?: Array<{ id: number; name: string; marketplaceId: number }>;
	integrationCode?: string;
	isPrincipal?: boolean;
	openHours?: string;
	availabilityTimeInHours?: number;
	zone?: string;
	address?: Record<string, unknown>;
	dateCreated?: Date;
}

const STORE_SORTS = [
	{ Id: 'ID', Name: 'ID' },
	{ Id: 'dateCreated', Name: 'Date created' },
];

export class SandboxStores {
	private readonly byAccount = new Map<number, Array<NewStore & { dateCreated: Date }>>();

	constructor(private readonly now: () => Date) {}

	add(accountId: number, store: NewStore): void {
		const stores = this.byAccount.get(accountId) ?? [];
		stores.push({ ...store, dateCreated: store.dateCreated ?? this.now() });
		this.byAccount.set(accountId, stores);
	}

	/** The store leaves the account (closed), as a live account may while its stores are read. */
	remove(accountId: number, storeId: number): void {
		const stores = this.byAccount.get(accountId) ?? [];
		this.byAccount.set(
			accountId,
			stores.filter((store) => store.id !== storeId),
		);
	}

	list(accountId: number, query: Record<string, string>, cap: number | undefined): { status: number; body: unknown } {
		const pickup = readBoolean(query, 'allowPickupInStores');
		const withAccount = readBoolean(query, 'withAccountPickup');
		const marketplace = readInteger(query, 'marketplace');
		const sortBy = STORE_SORTS.find((sort) => sort.Id === (query.sort ?? 'ID'));
		if (!sortBy) throw badParameter('sort', 'debe ser ID o dateCreated');
		const matching = (this.byAccount.get(accountId) ?? [])
			.filter((store) => pickup === undefined || (store.allowPickUpStore ?? false) === pickup)
			.filter((store) => withAccount === undefined || !!store.accountPickup === withAccount)
			.filter((store) => marketplace === undefined || (store.external ?? []).some((external) => external.marketplaceId === marketplace))
			.sort((a, b) => (sortBy.Id === 'ID' ? 0 : a.dateCreated.getTime() - b.dateCreated.getTime()) || a.id - b.id);
		return listPage(matching, query, cap, { sortBy, sorts: STORE_SORTS }, storeAsSent);
	}
}

function storeAsSent(store: NewStore & { dateCreated: Date }): Record<string, unknown> {
	return {
		Id: store.id,
		Name: store.name,
		BusinessName: store.businessName ?? null,
		ExternalStoreId: (store.external ?? []).map(({ id, name, marketplaceId }) => ({ Id: id, Name: name, MarketplaceID: marketplaceId })),
		IntegrationCode: store.integrationCode ?? null,
		IsPrincipal: store.isPrincipal ?? false,
		OpenHours: store.openHours ?? null,
		AvailabilityTimeInHours: store.availabilityTimeInHours ?? null,
		AllowPickUpStore: store.allowPickUpStore ?? false,
		AccountPickup: store.accountPickup
			? { Name: store.accountPickup.name, BusinessName: store.accountPickup.businessName ?? null, SellerAccountID: store.accountPickup.sellerAccountId }
			: null,
		Zone: store.zone ?? null,
		Address: store.address ?? null,
		DateCreated: store.dateCreated.toISOString(),
	};
}
