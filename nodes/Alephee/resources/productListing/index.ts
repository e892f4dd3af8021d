import type { Resource } from '../assemble';
import { productListingApplyDiscount } from './applyDiscount';
import { productListingSearch } from './search';
import { productListingUpdateStatus } from './updateStatus';

export const productListingResource: Resource = {
	value: 'productListing',
	operations: [productListingApplyDiscount, productListingSearch, productListingUpdateStatus],
	defaultOperation: 'search',
};
