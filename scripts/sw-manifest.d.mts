export interface SwBuild {
  version: string;
  precache: string[];
  pages: Record<string, string>;
}
export function listFiles(dir: string): string[];
export function versionOf(files: string[], read: (file: string) => Buffer | string): string;
export function assetsOf(html: string, base: string): string[];
export function titleOf(html: string): string | null;
export function manifestOf(files: string[], read: (file: string) => Buffer, base?: string): SwBuild;
export function inject(source: string, build: SwBuild): string;
