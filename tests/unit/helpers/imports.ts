/**
 * The project's import graph, read with TypeScript's parser: which files a
 * file loads at run time. Type-only imports are left out (they vanish when
 * compiled); dynamic `import()` is reported apart (it loads later, but a
 * bundler still packs its target).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface Imports {
  /** Project files loaded when this one is, resolved to absolute paths. */
  static: string[];
  /** Targets of `import()`. */
  dynamic: string[];
  /** Package specifiers (react, d3 …). */
  packages: string[];
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.mjs', '/index.ts', '/index.tsx'];

function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const ext of EXTENSIONS) {
    const file = base + ext;
    if (existsSync(file) && /\.(tsx?|mts|mjs|json|css)$/.test(file)) return file;
  }
  return null;
}

/** Whether an import or export brings in only types. */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

const cache = new Map<string, Imports>();

export function importsOf(file: string): Imports {
  const hit = cache.get(file);
  if (hit) return hit;
  const out: Imports = { static: [], dynamic: [], packages: [] };
  if (/\.(tsx?|mts)$/.test(file)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const add = (specifier: string, into: string[]) => {
      const resolved = resolve(file, specifier);
      if (resolved) into.push(resolved);
      else if (!specifier.startsWith('.') && !specifier.startsWith('@/')) out.packages.push(specifier);
    };
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!typeOnly(node)) add(node.moduleSpecifier.text, out.static);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
        add(node.arguments[0].text, out.dynamic);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  cache.set(file, out);
  return out;
}

/** Every file reachable from `entry` (static imports; dynamic ones too when asked), with the chain that reached it. */
export function reachable(entry: string, options: { dynamic?: boolean } = {}): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    const { static: direct, dynamic } = importsOf(file);
    for (const next of options.dynamic ? [...direct, ...dynamic] : direct) {
      if (chains.has(next)) continue;
      chains.set(next, [...chains.get(file)!, next]);
      queue.push(next);
    }
  }
  return chains;
}

/** Packages loaded by any file reachable from `entry`. */
export function packagesReachable(entry: string, options: { dynamic?: boolean } = {}): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [file, chain] of reachable(entry, options)) {
    for (const p of importsOf(file).packages) if (!found.has(p)) found.set(p, chain);
  }
  return found;
}

export const rel = (file: string) => path.relative(ROOT, file);
