/** Bytes (how a file download's answer comes) as a Buffer; anything else: undefined. */
export function bytesOf(value: unknown): Buffer | undefined {
	if (value instanceof ArrayBuffer) return Buffer.from(value);
	if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
	return undefined;
}
