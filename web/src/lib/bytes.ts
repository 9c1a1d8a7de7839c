// Byte counting: the runtime limits text in bytes of UTF-8, not in characters.

const encoder = new TextEncoder();

/** The UTF-8 length of `text`. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

export interface ByteCount {
  bytes: number;
  limit: number;
  remaining: number;
  over: boolean;
}

/** How `text` stands against a limit in bytes. */
export function countBytes(text: string, limit: number): ByteCount {
  const bytes = utf8Length(text);
  return { bytes, limit, remaining: limit - bytes, over: bytes > limit };
}

/** The tags (`#kith`) in a text, lower-cased, as the node indexes them (letters, digits, `_`). */
export function tagsOf(text: string): string[] {
  const tags = new Set<string>();
  for (const match of text.matchAll(/(^|[^\w#])#([a-z0-9_]+)/gi)) tags.add(match[2].toLowerCase());
  return [...tags];
}

export const toBytes = (text: string): Uint8Array => encoder.encode(text);
const decoder = new TextDecoder();
export const fromBytes = (bytes: Uint8Array | undefined | null): string =>
  bytes ? decoder.decode(bytes) : "";
