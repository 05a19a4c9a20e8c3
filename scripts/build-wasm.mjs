#!/usr/bin/env node
/**
 * Compiles the AssemblyScript kernels twice from one source: with relaxed
 * SIMD (fused multiply-add) and with plain SIMD. Output (not committed):
 * engine/wasm/build/kernels-relaxed.wasm and kernels-simd.wasm.
 * Skips the work when the outputs are newer than every source file.
 */
import asc from 'assemblyscript/asc';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.join(root, 'engine/wasm/assembly');
const outDir = path.join(root, 'engine/wasm/build');
const VARIANTS = { relaxed: ['--enable', 'simd', '--enable', 'relaxed-simd'], simd: ['--enable', 'simd'] };
const codesFile = path.join(sourceDir, 'codes.ts');

/**
 * The sources as the compiler reads them, with one change: the op codes'
 * plain enums (plain so that TypeScript can look a code up by kernel name)
 * become const enums. AssemblyScript makes a plain enum's members globals,
 * which Binaryen folds only after it has merged binary2d's per-op copies
 * into one loop with a switch per element (measured 20–45% slower); const
 * members are constants from the start, and the output is the same bytes
 * as with the enums declared const in the kernels.
 */
function readSource(file, baseDir) {
  const full = path.resolve(baseDir, file);
  let text;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    return null; // the compiler probes several candidate paths
  }
  return full === codesFile ? text.replace(/^export enum /gm, 'export const enum ') : text;
}

const newestSource = Math.max(...readdirSync(sourceDir).map((f) => statSync(path.join(sourceDir, f)).mtimeMs), statSync(fileURLToPath(import.meta.url)).mtimeMs);
mkdirSync(outDir, { recursive: true });

for (const [name, features] of Object.entries(VARIANTS)) {
  const out = path.join(outDir, `kernels-${name}.wasm`);
  let fresh = false;
  try {
    fresh = statSync(out).mtimeMs > newestSource;
  } catch {
    // not built yet
  }
  if (fresh && !process.argv.includes('--force')) continue;
  const { error, stderr } = await asc.main(
    [path.join(sourceDir, 'index.ts'), '-o', out, '-O3', '--runtime', 'stub', '--noAssert', '--initialMemory', '1', ...features],
    { readFile: readSource },
  );
  if (error) {
    console.error(stderr.toString());
    console.error(`build-wasm: ${name} failed: ${error.message}`);
    process.exit(1);
  }
  console.log(`build-wasm: ${path.relative(root, out)} (${statSync(out).size} bytes)`);
}
