/**
 * `GET /v2/productlistings/search`: an account's product listings (its publications on
 * marketplaces). Documented: `status` (required, an integer whose values are not published),
 * `includeChilds`, `marketplaceId`, `brand`, `sku`, `externalID`, `sort`, `offset`, `limit`; the
 * list envelope; 200 or 206. The listing object is not documented: the sandbox sends the fields an
 * order line's `ProductListing` documents (`Id`, `ExternalId`, `Title`, `PermanentLink`) and keeps
 * the rest (SKU, brand, marketplace, status, parent) for its filters only.
 */
import { listPage } from './listPage';
import { ApiRefusal, readBoolean, readInteger } from './queryParameters';

export interface NewListing {
	id: number;
	externalId: string;
	title?: string;
	sku: string;
	brand?: string;
	marketplaceId: number;
	/** A listing status code (Alephee does not publish the list). */
	status: number;
	/** A variation's parent listing, when the listing is a child. */
	parentId?: number;
}

const SORT_BY_ID = { Id: 'ID', Name: 'ID' };

export class SandboxListings {
	private readonly byAccount = new Map<number, NewListing[]>();

	add(accountId: number, listing: NewListing): void {
		this.byAccount.set(accountId, [...(this.byAccount.get(accountId) ?? []), listing]);
	}

	/** A listing's status changes on the marketplace (it leaves a search by its old status). */
	setStatus(accountId: number, id: number, status: number): void {
		const listing = (this.byAccount.get(accountId) ?? []).find((candidate) => candidate.id === id);
		if (listing) listing.status = status;
	}

	search(accountId: number, query: Record<string, string>, cap: number | undefined): { status: number; body: unknown } {
		const status = readInteger(query, 'status');
		if (status === undefined) throw new ApiRefusal(400, 'El parámetro status es obligatorio.');
		const includeChilds = readBoolean(query, 'includeChilds') ?? false;
		const marketplaceId = readInteger(query, 'marketplaceId');
		const text = (name: string) => (query[name] === undefined ? undefined : query[name].toLowerCase());
		const [brand, sku, externalId] = [text('brand'), text('sku'), text('externalID')];
		// `sort` is documented without its values: accepted, and the listings kept in ID order.
		const matching = (this.byAccount.get(accountId) ?? [])
			.filter((listing) => listing.status === status)
			.filter((listing) => includeChilds || listing.parentId === undefined)
			.filter((listing) => marketplaceId === undefined || listing.marketplaceId === marketplaceId)
			.filter((listing) => brand === undefined || (listing.brand ?? '').toLowerCase() === brand)
			.filter((listing) => sku === undefined || listing.sku.toLowerCase() === sku)
			.filter((listing) => externalId === undefined || listing.externalId.toLowerCase() === externalId)
			.sort((a, b) => a.id - b.id);
		return listPage(matching, query, cap, { sortBy: SORT_BY_ID, sorts: [SORT_BY_ID] }, (listing) => ({
			Id: listing.id,
			ExternalId: listing.externalId,
			Title: listing.title ?? `Publicación ${listing.sku}`,
			PermanentLink: `https://marketplace.example/${listing.externalId}`,
		}));
	}
}
