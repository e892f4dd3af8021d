import {
	describeHttpFailure,
	describeLongRateLimitWait,
	describeTransportFailure,
	humanDuration,
	type FailureWording,
} from '../../../../nodes/Alephee/transport/failureWording';
import { pageTitle, readAlepheeMessage } from '../../../../nodes/Alephee/transport/alepheeBody';
import { hideSecret } from '../../../../nodes/Alephee/transport/secret';
import { orderDelete } from '../../../../nodes/Alephee/resources/order/delete';

/** A request that changes data (Delete's own words) and one that only reads. */
const deleting = orderDelete.failureWording({ accountId: 7, orderId: 55, revertStock: false });
const listing: FailureWording = { inProgress: 'listing orders of account 7', accountId: 7 };

const GATEWAY_PAGE = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><h1>Bad Gateway</h1>${'<p>nginx</p>'.repeat(200)}</body></html>`;

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

	it('has nothing to say for an empty body or a page of markup', () => {
		expect(readAlepheeMessage(undefined)).toBeUndefined();
		expect(readAlepheeMessage('')).toBeUndefined();
		expect(readAlepheeMessage({ Status: 304 })).toBeUndefined();
		expect(readAlepheeMessage(GATEWAY_PAGE)).toBeUndefined();
	});

	it('hides the secret wherever the server quotes it', () => {
		expect(readAlepheeMessage('bad key s3cr3t in s3cr3t', 's3cr3t')).toBe('bad key [hidden] in [hidden]');
	});

	it('keeps very long server text readable', () => {
		expect(readAlepheeMessage('x'.repeat(5000))).toHaveLength(1001);
	});
});

describe('hideSecret: every spelling of the key', () => {
	/** A key with characters that URLs encode: `&`, a space, `/`, `+`, `=` and a non-ASCII letter. */
	const KEY = 'a&b c/d+e=ñ';
	// Written out by hand, not taken from the code under test, so a spelling it forgets is caught.
	it.each([
		['as it is', 'a&b c/d+e=ñ'],
		['percent-encoded, upper case', 'a%26b%20c%2Fd%2Be%3D%C3%B1'],
		['percent-encoded, lower case', 'a%26b%20c%2fd%2be%3d%c3%b1'],
		['form-encoded, + for the space', 'a%26b+c%2Fd%2Be%3D%C3%B1'],
		['encoded as a whole URL (reserved characters left as they are)', 'a&b%20c/d+e=%C3%B1'],
		['encoded twice', 'a%2526b%2520c%252Fd%252Be%253D%25C3%25B1'],
	])('%s', (_, spelling) => {
		const text = `GET /v2/orders?API_KEY=${spelling}&accountId=7 failed`;
		const hidden = hideSecret(text, KEY);
		expect(hidden).not.toContain(spelling);
		expect(hidden).toBe('GET /v2/orders?API_KEY=[hidden]&accountId=7 failed');
	});

	it('leaves text without the key as it is', () => {
		expect(hideSecret('GET /v2/orders?accountId=7 a&b', KEY)).toBe('GET /v2/orders?accountId=7 a&b');
	});
});

describe('pageTitle', () => {
	it('names a page by its title, as plain text', () => {
		expect(pageTitle('<html><title> Service <b>Unavailable</b>\n</title></html>')).toBe('Service Unavailable');
		expect(pageTitle(GATEWAY_PAGE)).toBe('502 Bad Gateway');
	});

	it('has no title for other bodies, and hides the key in one', () => {
		expect(pageTitle('plain text')).toBeUndefined();
		expect(pageTitle({ Message: 'x' })).toBeUndefined();
		expect(pageTitle('<title>key k3y refused</title>', 'k3y')).toBe('key [hidden] refused');
	});
});

describe('describeHttpFailure: Delete\'s words', () => {
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
		[503, /internal error while deleting order 55/, /may or may not have been deleted/],
		[418, /unexpected status 418 while deleting order 55/, /may or may not have been deleted/],
	])('%i: says what happened and how to fix it, quoting Alephee', (status, message, advice) => {
		const failure = describeHttpFailure(status, body('Texto de Alephee'), deleting);
		expect(failure.message).toMatch(message);
		expect(failure.description).toMatch(advice);
		expect(failure.description).toContain('Alephee says: "Texto de Alephee"');
		expect(failure.alepheeMessage).toBe('Texto de Alephee');
		expect(failure.httpCode).toBe(String(status));
	});

	it('says so when Alephee gave no explanation', () => {
		const failure = describeHttpFailure(304, undefined, deleting);
		expect(failure.description).toMatch(/Alephee sent no explanation\.$/);
		expect(failure.alepheeMessage).toBeUndefined();
	});
});

describe('describeHttpFailure: generic words, by operation', () => {
	it('a read says what it was inProgress and that nothing changed', () => {
		const failure = describeHttpFailure(500, 'Error interno', listing);
		expect(failure.message).toBe('Alephee had an internal error while listing orders of account 7');
		expect(failure.description).toMatch(/^Nothing was changed in Alephee \(this only reads data\): run it again\./);
		expect(failure.description).toContain('Alephee says: "Error interno"');
	});

	it('403 names the account the key may not use', () => {
		expect(describeHttpFailure(403, { Message: 'x' }, listing).message).toBe('The API key is not allowed to use account 7');
	});
});

describe('describeHttpFailure: answers that are not Alephee\'s', () => {
	it.each([
		[502, 'Bad Gateway'],
		[503, 'Service Unavailable'],
		[504, 'Gateway Timeout'],
	])('%i with an HTML page: a gateway answered, named by its title, never quoted', (status, reason) => {
		const failure = describeHttpFailure(status, GATEWAY_PAGE, deleting);
		expect(failure.message).toBe(`A gateway between n8n and Alephee answered ${status} ${reason} while deleting order 55`);
		expect(failure.description).toContain('not from Alephee\'s API (its page is titled "502 Bad Gateway")');
		expect(failure.description).toContain('The order may or may not have been deleted: check it in Alephee before running this item again.');
		expect(failure.description).not.toMatch(/<|DOCTYPE|nginx/);
		expect(failure.alepheeMessage).toBeUndefined();
		expect(failure.httpCode).toBe(String(status));
	});

	it('a gateway status with plain text or no body is still the gateway\'s', () => {
		expect(describeHttpFailure(503, 'upstream connect error', deleting).message).toMatch(/^A gateway between n8n and Alephee answered 503/);
		expect(describeHttpFailure(504, '', listing).message).toMatch(/^A gateway between n8n and Alephee answered 504/);
	});

	it('a gateway status with Alephee\'s JSON body is Alephee\'s', () => {
		const failure = describeHttpFailure(503, { Status: 503, Message: 'Mantenimiento' }, deleting);
		expect(failure.message).toBe('Alephee had an internal error while deleting order 55');
		expect(failure.description).toContain('Alephee says: "Mantenimiento"');
	});

	it('a 4xx with an HTML page keeps the status\'s meaning but quotes no markup', () => {
		const failure = describeHttpFailure(404, '<html><head><title>Not Found</title></head><body>nginx</body></html>', deleting);
		expect(failure.message).toBe('Order 55 was not found in account 7');
		expect(failure.description).toContain('The answer was not in Alephee\'s format (its page is titled "Not Found"), so a proxy or gateway');
		expect(failure.description).not.toMatch(/<|nginx|Alephee says/);
	});

	it('a 4xx with plain text (Alephee sends JSON there) is not quoted either', () => {
		const failure = describeHttpFailure(403, 'Forbidden by proxy policy', deleting);
		expect(failure.message).toBe('The API key is not allowed to delete orders of account 7');
		expect(failure.description).toContain("The answer was not in Alephee's format, so a proxy");
		expect(failure.description).not.toContain('proxy policy');
	});

	it('a 500 with an HTML page is named by its title, not quoted', () => {
		const failure = describeHttpFailure(500, '<html><title>Internal Error</title><body>stack…</body></html>', deleting);
		expect(failure.message).toBe('Alephee had an internal error while deleting order 55');
		expect(failure.description).toContain('(its page is titled "Internal Error")');
		expect(failure.description).not.toContain('stack');
	});
});

describe('describeLongRateLimitWait', () => {
	it('says how long Alephee asked to wait, that nothing was done, and what to do', () => {
		const failure = describeLongRateLimitWait(3_600_000, 120_000, deleting);
		expect(failure.message).toBe('Alephee asked to wait 1 hour before the next request, longer than this node waits');
		expect(failure.description).toMatch(/^Order 55 was not deleted\./);
		expect(failure.description).toContain('at most 2 minutes ("Longest Rate Limit Wait" under Options)');
		expect(failure.description).toMatch(/blocked/);
		expect(failure.httpCode).toBe('429');
	});

	it('durations read as a person says them', () => {
		expect(humanDuration(1000)).toBe('1 second');
		expect(humanDuration(90_000)).toBe('90 seconds');
		expect(humanDuration(300_000)).toBe('5 minutes');
		expect(humanDuration(18_000_000)).toBe('5 hours');
	});
});

describe('describeTransportFailure', () => {
	const withCode = (code: string) => Object.assign(new Error(`connect ${code} http://x/v2/orders?API_KEY=k`), { code });

	it('timeouts: may or may not be deleted, points at Timeout', () => {
		const failure = describeTransportFailure(withCode('ECONNABORTED'), deleting);
		expect(failure.message).toBe('Alephee did not answer in time while deleting order 55');
		expect(failure.description).toMatch(/may or may not have been deleted.*Timeout under Request Options/);
	});

	it('a read that timed out changed nothing', () => {
		const failure = describeTransportFailure(withCode('ETIMEDOUT'), listing);
		expect(failure.message).toBe('Alephee did not answer in time while listing orders of account 7');
		expect(failure.description).toMatch(/^Nothing was changed in Alephee/);
	});

	it('unreachable: nothing was sent, check the Base URL', () => {
		const failure = describeTransportFailure(withCode('ECONNREFUSED'), deleting);
		expect(failure.message).toBe('Could not reach Alephee');
		expect(failure.description).toMatch(/Nothing was sent \(ECONNREFUSED\)\. Check the Base URL/);
		expect(failure.errorCode).toBe('ECONNREFUSED');
	});

	it('dropped connection: may or may not be deleted', () => {
		const failure = describeTransportFailure(new Error('socket hang up'), deleting);
		expect(failure.message).toBe('The connection to Alephee dropped while deleting order 55');
		expect(failure.errorCode).toBe('ECONNRESET');
	});

	it('reads the code from a wrapped cause, and never copies the raw error text', () => {
		const failure = describeTransportFailure({ message: 'wrapped', cause: withCode('ENOTFOUND') }, deleting);
		expect(failure.errorCode).toBe('ENOTFOUND');
		expect(JSON.stringify(failure)).not.toContain('API_KEY');
	});

	it('anything else: still a clear sentence', () => {
		const failure = describeTransportFailure(new Error('weird'), deleting);
		expect(failure.message).toBe('The request failed before Alephee answered, while deleting order 55');
		expect(failure.errorCode).toBeUndefined();
	});
});
