import {
	describeHttpFailure,
	describeTransportFailure,
	readAlepheeMessage,
} from '../../../../nodes/Alephee/helpers/errorHandler';

const order = { accountId: 7, orderId: 55 };

describe('readAlepheeMessage', () => {
	it('reads Message from a {Status, Message} body', () => {
		expect(readAlepheeMessage({ Status: 404, Message: 'No existe la orden.' })).toBe('No existe la orden.');
	});

	it('reads a plain-text 500 body as it came', () => {
		expect(readAlepheeMessage('Error interno del servidor')).toBe('Error interno del servidor');
	});

	it('reads a JSON body that arrived as text', () => {
		expect(readAlepheeMessage('{"Status":412,"Message":"No se puede eliminar."}')).toBe('No se puede eliminar.');
	});

	it('has nothing to say for an empty body', () => {
		expect(readAlepheeMessage(undefined)).toBeUndefined();
		expect(readAlepheeMessage('')).toBeUndefined();
		expect(readAlepheeMessage({ Status: 304 })).toBeUndefined();
	});

	it('hides the secret wherever the server quotes it', () => {
		expect(readAlepheeMessage('bad key s3cr3t in s3cr3t', 's3cr3t')).toBe('bad key [hidden] in [hidden]');
	});

	it('keeps very long server text readable', () => {
		expect(readAlepheeMessage('x'.repeat(5000))).toHaveLength(1001);
	});
});

describe('describeHttpFailure', () => {
	const body = (Message: string) => ({ Status: 0, Message });

	it.each([
		[304, /was not deleted: Alephee reported nothing to change/, /nothing was deleted/],
		[400, /rejected the request to delete order 55 as invalid/, /numeric IDs/],
		[401, /did not accept the API key/, /account 7 belongs to that key/],
		[403, /not allowed to delete orders of account 7/, /belongs to the API key/],
		[404, /Order 55 was not found in account 7/, /not the marketplace's order number/],
		[412, /refused to delete order 55/, /Only orders created through the Alephee API can be deleted/],
		[413, /too large/, /one order per item/],
		[429, /rate limit was reached/, /Rate Limit Retries/],
		[500, /internal error while deleting order 55/, /may or may not have been deleted/],
		[503, /internal error/, /may or may not have been deleted/],
		[418, /unexpected status 418/, /Nothing confirms the order was deleted/],
	])('%i: says what happened and how to fix it, quoting Alephee', (status, message, advice) => {
		const failure = describeHttpFailure(status, body('Texto de Alephee'), { order });
		expect(failure.message).toMatch(message);
		expect(failure.description).toMatch(advice);
		expect(failure.description).toContain('Alephee says: "Texto de Alephee"');
		expect(failure.alepheeMessage).toBe('Texto de Alephee');
		expect(failure.httpCode).toBe(String(status));
	});

	it('says so when Alephee gave no explanation', () => {
		const failure = describeHttpFailure(304, undefined, { order });
		expect(failure.description).toMatch(/Alephee sent no explanation\.$/);
		expect(failure.alepheeMessage).toBeUndefined();
	});
});

describe('describeTransportFailure', () => {
	const withCode = (code: string) => Object.assign(new Error(`connect ${code} http://x/v2/orders?API_KEY=k`), { code });

	it('timeouts: may or may not be deleted, points at Timeout', () => {
		const failure = describeTransportFailure(withCode('ECONNABORTED'), { order });
		expect(failure.message).toBe('Alephee did not answer in time while deleting order 55');
		expect(failure.description).toMatch(/Timeout under Request Options/);
	});

	it('unreachable: nothing was sent, check the Base URL', () => {
		const failure = describeTransportFailure(withCode('ECONNREFUSED'), { order });
		expect(failure.message).toBe('Could not reach Alephee');
		expect(failure.description).toMatch(/Nothing was sent \(ECONNREFUSED\)\. Check the Base URL/);
		expect(failure.errorCode).toBe('ECONNREFUSED');
	});

	it('dropped connection: may or may not be deleted', () => {
		const failure = describeTransportFailure(new Error('socket hang up'), { order });
		expect(failure.message).toBe('The connection to Alephee dropped while deleting order 55');
		expect(failure.errorCode).toBe('ECONNRESET');
	});

	it('reads the code from a wrapped cause, and never copies the raw error text', () => {
		const failure = describeTransportFailure({ message: 'wrapped', cause: withCode('ENOTFOUND') }, { order });
		expect(failure.errorCode).toBe('ENOTFOUND');
		expect(JSON.stringify(failure)).not.toContain('API_KEY');
	});

	it('anything else: still a clear sentence', () => {
		const failure = describeTransportFailure(new Error('weird'), { order });
		expect(failure.message).toBe('The request to delete order 55 failed before Alephee answered');
		expect(failure.errorCode).toBeUndefined();
	});
});
