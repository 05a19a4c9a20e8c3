export const DIRECTIVES: [string, string[]][];
export const WORKER_POLICY: string;
export function policyWith(hashes?: string[]): string;
export function inlineScripts(html: string): string[];
export function hashOf(body: string): string;
export function policyForPage(html: string): string;
export function policyInPage(html: string): string | null;
export function withPolicy(html: string, file?: string): string;
export function protectDir(dir: string): { pages: number; hashes: number };
