// All primitives, and the tables of their rules: gradient rules (reverse
// mode) and tangent rules (forward mode). Their types demand a rule for
// every Primitive: adding a primitive to PrimitiveParams without writing
// both rules is a compile error here.

import { binaryJvpRules, binaryRules } from './binary';
import { convJvpRules, convRules } from './conv';
import { gatherJvpRules, gatherRules } from './gather';
import { matmulJvpRules, matmulRules } from './matmul';
import { movementJvpRules, movementRules } from './movement';
import type { JvpRule, Primitive, Rule } from './primitive';
import { poolJvpRules, poolRules } from './pool';
import { reduceJvpRules, reduceRules } from './reduce';
import { rowJvpRules, rowRules } from './rows';
import { unaryJvpRules, unaryRules } from './unary';

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

export * from './binary';
export * from './conv';
export * from './gather';
export * from './matmul';
export * from './movement';
export * from './pool';
export type { ConvGeometry, JvpRule, PoolGeometry, Primitive, PrimitiveParams } from './primitive';
export * from './reduce';
export { layerNormRows, rowSoftmax } from './rows';
export * from './unary';
