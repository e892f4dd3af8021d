/**
 * What a file of each format Alephee takes or gives looks like, from its bytes: to tell a file
 * from base64 text of it in Alephee's answers, and to refuse, before sending, an input file that
 * is not what its name says (a "PDF" that is not one, an NF-e XML that does not parse).
 */

/** Whether bytes begin as a file of the format (by lower-case extension) does. */
const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
	// A PDF may have a few bytes before its header; readers look in the first kilobyte.
	pdf: (bytes) => bytes.subarray(0, 1024).includes('%PDF-'),
	zip: (bytes) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && [3, 5, 7].includes(bytes[2]),
	png: (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
	jpg: (bytes) => bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
	jpeg: (bytes) => bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
	xml: (bytes) => /^\s*</.test(bytes.subarray(0, 256).toString('utf8').replace(/^\uFEFF/, '')),
};

/** Whether the format has a signature to check (ZPL, say, is any text). */
export const hasSignature = (extension: string): boolean => extension in SIGNATURES;

/** Whether `bytes` begin as a file of the format does; true for a format without a signature. */
export function looksLike(extension: string, bytes: Buffer): boolean {
	const signature = SIGNATURES[extension];
	return signature ? signature(bytes) : bytes.length > 0;
}

/** "an XML", "a PDF": the article before a format's name, as the letter is said. */
export const withArticle = (format: string): string => `${/^[AEFHILMNORSX]/.test(format) ? 'an' : 'a'} ${format}`;

const XML_NAME = '[A-Za-z_][\\w.:-]*';
const XML_TOKEN = new RegExp(
	[
		'<!--[\\s\\S]*?-->',
		'<!\\[CDATA\\[[\\s\\S]*?\\]\\]>',
		'<\\?[\\s\\S]*?\\?>',
		'<!DOCTYPE[^>]*>',
		`<\\/\\s*(${XML_NAME})\\s*>`,
		`<(${XML_NAME})((?:\\s+[^\\s=/>]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(\\/?)>`,
		'<',
		'[^<]+',
	].join('|'),
	'g',
);

/**
 * Why a text is not well-formed XML (one root element, every tag closed in order, attributes
 * quoted), or undefined when it is. Not a validating parser: enough to refuse a file that no
 * XML reader (the marketplace's, the tax authority's) would open.
 */
export function xmlProblem(text: string): string | undefined {
	const open: string[] = [];
	let rootSeen = false;
	for (const match of text.replace(/^\uFEFF/, '').matchAll(XML_TOKEN)) {
		const [token, closing, opening, , selfClosing] = match;
		if (closing !== undefined) {
			const expected = open.pop();
			if (expected !== closing) return expected ? `</${closing}> closes <${expected}>` : `</${closing}> closes no element`;
		} else if (opening !== undefined) {
			if (!open.length && rootSeen) return `<${opening}> is a second root element`;
			rootSeen = true;
			if (!selfClosing) open.push(opening);
		} else if (token === '<') {
			return 'a "<" starts no valid tag';
		} else if (!token.startsWith('<') && !open.length && token.trim()) {
			return 'it has text outside its root element';
		}
	}
	if (open.length) return `<${open[open.length - 1]}> is not closed`;
	return rootSeen ? undefined : 'it has no element';
}

/** How each signed format begins, for the words of a refusal. */
const BEGINNINGS: Record<string, string> = {
	pdf: 'a PDF starts with "%PDF-"',
	png: 'a PNG starts with the bytes 89 50 4E 47',
	jpg: 'a JPEG starts with the bytes FF D8 FF',
	jpeg: 'a JPEG starts with the bytes FF D8 FF',
};

/**
 * Why an input file cannot be what its format says, or undefined: empty, an XML that does not
 * parse, or bytes that do not begin as the format's do.
 */
export function inputFileProblem(extension: string, bytes: Buffer): string | undefined {
	if (!bytes.length) return 'is empty (0 bytes)';
	if (extension === 'xml') {
		const problem = xmlProblem(bytes.toString('utf8'));
		return problem ? `is not well-formed XML: ${problem}` : undefined;
	}
	if (looksLike(extension, bytes)) return undefined;
	const beginning = BEGINNINGS[extension];
	return `is not ${withArticle(extension.toUpperCase())} file${beginning ? ` (${beginning})` : ''}`;
}
