import type { Server } from 'node:http';
export const MIME_TYPES: Record<string, string>;
export type Resolved = { kind: 'file'; file: string; size: number } | { kind: 'redirect'; location: string } | { kind: 'missing' } | { kind: 'bad' };
export function resolveRequest(root: string, base: string, rawPath: string): Promise<Resolved>;
export function createServer(options: { root: string; base?: string; gzipEncoding?: boolean; csp?: boolean }): Server;
