// Bytes of a response: read as a stream (to report progress), gunzipped when
// they are still gzip, and checked against index.json.

import type { IndexFile } from './fashion-index';
import { failures } from './errors';

export type Bytes = Uint8Array<ArrayBuffer>;

/** gzip's magic number. A host that sends Content-Encoding: gzip hands over
 * the bytes already inflated, without it: raw IDX starts with 0x00 0x00. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads a body to its end, calling `onChunk` with the bytes so far and whether they are gzip. */
export async function readBody(response: Response, onChunk: (received: number, gzip: boolean) => void): Promise<Bytes> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value.length === 0) continue;
    chunks.push(value);
    received += value.length;
    onChunk(received, chunks[0][0] === 0x1f); // gzip's first byte; raw IDX starts with 0
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

async function gunzip(bytes: Bytes): Promise<Bytes> {
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

async function sha256Hex(bytes: Bytes): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null; // an insecure context (plain http on a LAN address): skip the check
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The file's raw IDX bytes from what arrived (gzip or already inflated), checked for length and hash. */
export async function verifiedRaw(file: IndexFile, wire: Bytes): Promise<Bytes> {
  let raw = wire;
  if (isGzip(wire)) {
    try {
      raw = await gunzip(wire);
    } catch {
      if (wire.length < file.gzipBytes) throw failures.truncated(file.name, wire.length, file.gzipBytes);
      throw failures.damaged(file.name, 'it does not decompress');
    }
  }
  if (raw.length < file.rawBytes) throw failures.truncated(file.name, raw.length, file.rawBytes);
  if (raw.length !== file.rawBytes) throw failures.damaged(file.name, `${raw.length} bytes where ${file.rawBytes} were expected`);
  const hash = await sha256Hex(raw);
  if (hash !== null && hash !== file.sha256) throw failures.damaged(file.name, 'its checksum does not match');
  return raw;
}
