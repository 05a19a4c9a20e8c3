// Kernel name → wasm op code. The codes are the enums of
// engine/wasm/assembly/codes.ts, the one list of what the wasm kernels run;
// a member's name is its kernel's name, so nothing here lists kernels again.

import { Binary, Pool, Row, Unary } from '../../wasm/assembly/codes';
import type { BinaryKernel, PoolKernel, RowKernel, UnaryKernel } from '../backend';

/** true when every member of enum E is named after a kernel of K; else the names that are not. */
type NamedAfter<E, K> = [Exclude<keyof E, K>] extends [never] ? true : { notKernelNames: Exclude<keyof E, K> };

// A misspelt member fails tsc here. Row and Pool must also have every
// kernel of theirs: rowCode and poolCode index them by any kernel name.
true satisfies NamedAfter<typeof Unary, UnaryKernel>;
true satisfies NamedAfter<typeof Binary, BinaryKernel>;
true satisfies NamedAfter<typeof Row, RowKernel>;
true satisfies NamedAfter<typeof Pool, PoolKernel>;

/** A numeric enum's codes by member name (its reverse entries, code → name, skipped). */
function byName<K extends string>(codes: Record<string, string | number>): ReadonlyMap<K, number> {
  return new Map(Object.entries(codes).filter((entry): entry is [K, number] => typeof entry[1] === 'number'));
}

const UNARY = byName<UnaryKernel>(Unary);
const BINARY = byName<BinaryKernel>(Binary);

/** The code of a unary kernel wasm runs; undefined: the JS reference runs it. */
export function unaryCode(op: UnaryKernel): number | undefined {
  return UNARY.get(op);
}

/** The code of a binary kernel wasm runs; undefined: the JS reference runs it. */
export function binaryCode(op: BinaryKernel): number | undefined {
  return BINARY.get(op);
}

export function rowCode(op: RowKernel): number {
  return Row[op];
}

export function poolCode(op: PoolKernel): number {
  return Pool[op];
}
