/** Reading a write's JSON body; one that is not what the endpoint takes ends the call with a 400. */
import { ApiRefusal } from './queryParameters';

/**
 * A body that must be a JSON list with something in it (Alephee's list writes): `notAList` is the
 * refusal of anything else, `empty` of an empty list.
 */
export function readJsonList(body: string, notAList: string, empty = notAList): unknown[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		parsed = undefined;
	}
	if (!Array.isArray(parsed)) throw new ApiRefusal(400, notAList);
	if (parsed.length === 0) throw new ApiRefusal(400, empty);
	return parsed;
}
