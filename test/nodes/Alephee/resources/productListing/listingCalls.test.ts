import { agree, pairResults } from '../../../../../nodes/Alephee/resources/productListing/listingCalls';

describe('pairing the results of a listing call with the entries sent', () => {
	it('two objects agree when everything both name is the same (names in any case, numbers as text, the same instant)', () => {
		expect(agree({ Id: 1, Status: 3 }, { id: '1', status: 3, Extra: 'x' })).toBe(true);
		expect(agree({ StartDate: '2026-12-24T00:00:00Z' }, { StartDate: '2026-12-24T00:00:00.000+00:00' })).toBe(true);
		expect(agree({ Id: 1, Status: 3 }, { Id: 1, Status: 4 })).toBe(false);
		expect(agree({ Id: 1 }, { Other: 1 })).toBe(false);
		expect(agree({ Tags: ['a', 'b'] }, { Tags: ['a'] })).toBe(false);
	});

	it('each entry gets the one result quoting it, in whatever order the results came', () => {
		const bodies = [{ Id: 1 }, { Id: 2 }, { Id: 3 }];
		const results = [3, 1, 2].map((id) => ({ Quoted: { Id: id }, Status: id === 2 ? 412 : 200 }));
		expect(pairResults(bodies, results)).toEqual([results[1], results[2], results[0]]);
	});

	it('a result that could be about two entries, or an entry quoted by two results, pairs with nothing', () => {
		const bodies = [
			{ Id: 1, Status: 3 },
			{ Id: 1, Status: 4 },
		];
		expect(pairResults(bodies, [{ Quoted: { Id: 1 }, Status: 200 }, { Quoted: { Id: 1 }, Status: 412 }])).toEqual([undefined, undefined]);
	});

	it('results that quote nothing: the same success for as many as were sent is everyone\'s; mixed or fewer, nobody\'s', () => {
		const bodies = [{ Id: 1 }, { Id: 2 }];
		expect(pairResults(bodies, [{ Status: 200, Message: 'OK' }, { Status: 200, Message: 'OK' }])).toEqual([{ Status: 200, Message: 'OK' }, { Status: 200, Message: 'OK' }]);
		// The same success in other words: each may be about another listing, so no message is given on.
		expect(pairResults(bodies, [{ Status: 200, Message: 'Publicación 2 actualizada' }, { Status: 200, Message: 'Publicación 1 actualizada' }])).toEqual([{ Status: 200 }, { Status: 200 }]);
		expect(pairResults(bodies, [{ Status: 200 }, { Status: 404 }])).toEqual([undefined, undefined]);
		expect(pairResults(bodies, [{ Status: 200 }])).toEqual([undefined, undefined]);
		expect(pairResults([{ Id: 1 }], [{ Status: 404 }])).toEqual([{ Status: 404 }]);
		// One result quoting another listing is not this one's, even when it is the only one.
		expect(pairResults([{ Id: 1 }], [{ Quoted: { Id: 2 }, Status: 200 }])).toEqual([undefined]);
		expect(pairResults(bodies, [{ Quoted: { Id: 7 }, Status: 200 }, { Status: 200 }])).toEqual([undefined, undefined]);
	});
});
