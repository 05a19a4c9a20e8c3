// All primitives, and the one table of their gradient rules. Its type
// demands a rule for every Primitive: adding a primitive to
// PrimitiveParams without writing its rule is a compile error here.

import { binaryRules } from './binary';
import { convRules } from './conv';
import { gatherRules } from './gather';
import { matmulRules } from './matmul';
import { movementRules } from './movement';
import type { Primitive, Rule } from './primitive';
import { poolRules } from './pool';
import { reduceRules } from './reduce';
import { rowRules } from './rows';
import { unaryRules } from './unary';

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

export * from './binary';
export * from './conv';
export * from './gather';
export * from './matmul';
export * from './movement';
export * from './pool';
export type { ConvGeometry, PoolGeometry, Primitive, PrimitiveParams } from './primitive';
export * from './reduce';
export { layerNormRows, rowSoftmax } from './rows';
export * from './unary';
