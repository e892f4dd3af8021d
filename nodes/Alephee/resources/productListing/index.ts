import type { Resource } from '../assemble';
import { productListingSearch } from './search';

export const productListingResource: Resource = { value: 'productListing', operations: [productListingSearch], defaultOperation: 'search' };
