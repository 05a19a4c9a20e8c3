// All primitives, and the tables of their rules: gradient rules (reverse
// mode), tangent rules (forward mode), and the tape viewer's note on each
// gradient rule (one line, and what it reads). Their types demand an entry
// for every Primitive: adding a primitive to PrimitiveParams without
// writing all three is a compile error here.

import { binaryJvpRules, binaryRules, binaryTapeNotes } from './binary';
import { convJvpRules, convRules, convTapeNotes } from './conv';
import { gatherJvpRules, gatherRules, gatherTapeNotes } from './gather';
import { matmulJvpRules, matmulRules, matmulTapeNotes } from './matmul';
import { movementJvpRules, movementRules, movementTapeNotes } from './movement';
import type { JvpRule, Primitive, Rule, TapeNote } from './primitive';
import { poolJvpRules, poolRules, poolTapeNotes } from './pool';
import { reduceJvpRules, reduceRules, reduceTapeNotes } from './reduce';
import { rowJvpRules, rowRules, rowTapeNotes } from './rows';
import { unaryJvpRules, unaryRules, unaryTapeNotes } from './unary';

export const gradientRules: { [P in Primitive]: Rule<P> } = {
  ...unaryRules,
  ...binaryRules,
  ...reduceRules,
  ...rowRules,
  ...matmulRules,
  ...movementRules,
  ...convRules,
  ...poolRules,
  ...gatherRules,
};

export const jvpRules: { [P in Primitive]: JvpRule<P> } = {
  ...unaryJvpRules,
  ...binaryJvpRules,
  ...reduceJvpRules,
  ...rowJvpRules,
  ...matmulJvpRules,
  ...movementJvpRules,
  ...convJvpRules,
  ...poolJvpRules,
  ...gatherJvpRules,
};

export const tapeNotes: { [P in Primitive]: TapeNote<P> } = {
  ...unaryTapeNotes,
  ...binaryTapeNotes,
  ...reduceTapeNotes,
  ...rowTapeNotes,
  ...matmulTapeNotes,
  ...movementTapeNotes,
  ...convTapeNotes,
  ...poolTapeNotes,
  ...gatherTapeNotes,
};

export * from './binary';
export * from './conv';
export * from './gather';
export * from './matmul';
export * from './movement';
export * from './pool';
export type { ConvGeometry, JvpRule, PoolGeometry, Primitive, PrimitiveParams, TapeNote } from './primitive';
export * from './reduce';
export { layerNormRows, rowSoftmax } from './rows';
export * from './unary';
