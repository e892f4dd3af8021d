/**
 * `GET /v2/productlistings/search`: an account's product listings (its publications on
 * marketplaces). Documented: `status` (required, an integer whose values are not published),
 * `includeChilds`, `marketplaceId`, `brand`, `sku`, `externalID`, `sort`, `offset`, `limit`; the
 * list envelope; 200 or 206. The listing object is not documented: the sandbox sends the fields an
 * order line's `ProductListing` documents (`Id`, `ExternalId`, `Title`, `PermanentLink`) and keeps
 * the rest (SKU, brand, marketplace, status, parent) for its filters only.
 *
 * `PUT /v2/productlistings/update-status`: documented are `includeKitContainers` (required, bool),
 * a body of listings and the answer `{Total, Results: [{ProductListingStatus, Status, Message}]}`
 * (read as `PUT /v2/orders`'s: the entry as sent, an HTTP-like code, a text). The entry's fields
 * are not published, so the sandbox records each entry and answers it (200 unless a test says
 * otherwise), without reading a status out of it.
 *
 * `POST /v2/productlistings/discounts`: a list of `{Brand, SKU, Marketplace, ExternalPublications,
 * DiscountPercent (0–100), StartDate, FinishDate (UTC)}`; the answer is not published: an empty
 * 200 unless a test scripts one. It refuses (400) what the documentation rules out: a percent out
 * of 0–100, a date that is not a UTC date-time.
 */
import { listPage } from './listPage';
import { ApiRefusal, badParameter, readBoolean, readInteger } from './queryParameters';
import { readJsonList } from './requestBody';

/** What the sandbox answers for one update-status entry. */
export interface ListingStatusResult {
	Status: number;
	Message: string;
}

/** An answer: its status and JSON body. */
interface ListingAnswer {
	status: number;
	body?: unknown;
}

const ACCEPTED: ListingStatusResult = { Status: 200, Message: 'Estado de la publicación actualizado.' };

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

	/** Every update-status entry received, with its account and `includeKitContainers`. */
	readonly statusUpdates: Array<{ accountId: number; includeKitContainers: boolean; entry: Record<string, unknown> }> = [];
	/** For tests: the result of one update-status entry (default: 200). */
	statusResultFor: (entry: Record<string, unknown>) => ListingStatusResult = () => ACCEPTED;
	/** For tests: the update-status answer as sent (results reordered, entries not quoted). */
	statusAnswerAs: (answer: { Total: number; Results: unknown[] }) => unknown = (answer) => answer;

	/** Every discount received, with its account. */
	readonly discounts: Array<{ accountId: number; discount: Record<string, unknown> }> = [];
	/** For tests: the discounts answer, which Alephee does not publish (default: an empty 200). */
	discountsAnswerAs: (discounts: Array<Record<string, unknown>>) => unknown = () => undefined;

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

	updateStatus(accountId: number, query: Record<string, string>, body: string, cap: number | undefined): ListingAnswer {
		const includeKitContainers = readBoolean(query, 'includeKitContainers');
		if (includeKitContainers === undefined) throw new ApiRefusal(400, 'El parámetro includeKitContainers es obligatorio.');
		const entries = readObjectList(body, 'publicaciones');
		if (cap !== undefined && entries.length > cap) throw new ApiRefusal(413, `Se enviaron ${entries.length} publicaciones; el máximo por solicitud es ${cap}.`);
		const results = entries.map((entry) => {
			this.statusUpdates.push({ accountId, includeKitContainers, entry });
			return { ProductListingStatus: entry, ...this.statusResultFor(entry) };
		});
		return { status: 200, body: this.statusAnswerAs({ Total: results.length, Results: results }) };
	}

	applyDiscounts(accountId: number, body: string, cap: number | undefined): ListingAnswer {
		const discounts = readObjectList(body, 'descuentos');
		if (cap !== undefined && discounts.length > cap) throw new ApiRefusal(413, `Se enviaron ${discounts.length} descuentos; el máximo por solicitud es ${cap}.`);
		for (const [position, discount] of discounts.entries()) {
			const percent = discount.DiscountPercent;
			if (typeof percent !== 'number' || percent < 0 || percent > 100) {
				throw new ApiRefusal(400, `Descuento ${position + 1}: DiscountPercent debe ser un número entre 0 y 100.`);
			}
			for (const name of ['StartDate', 'FinishDate']) {
				if (!isUtcDateTime(discount[name])) throw new ApiRefusal(400, `Descuento ${position + 1}: ${name} debe ser una fecha y hora UTC.`);
			}
		}
		for (const discount of discounts) this.discounts.push({ accountId, discount });
		const answer = this.discountsAnswerAs(discounts);
		return { status: 200, ...(answer === undefined ? {} : { body: answer }) };
	}
}

/** A JSON list of objects (one object or an empty list refused), as both listing writes take. */
function readObjectList(body: string, what: string): Array<Record<string, unknown>> {
	const notAList = badParameter('body', `debe ser una lista de ${what}`).message;
	const list = readJsonList(body, notAList, `La lista de ${what} está vacía.`);
	const isObject = (value: unknown) => !!value && typeof value === 'object' && !Array.isArray(value);
	if (!list.every(isObject)) throw new ApiRefusal(400, notAList);
	return list as Array<Record<string, unknown>>;
}

/** An ISO date-time in UTC (`Z` or `+00:00`). */
function isUtcDateTime(value: unknown): boolean {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|\+00:00)$/.test(value) && Number.isFinite(Date.parse(value));
}
