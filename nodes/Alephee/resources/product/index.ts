import type { Resource } from '../assemble';
import { productGetMany } from './getAll';
import { productUpdate } from './update';

export const productResource: Resource = { value: 'product', operations: [productGetMany, productUpdate], defaultOperation: 'getAll' };
