/**
 * A widget's parameters, declared once: the store is built from this, the
 * controls are drawn from it, and the URL codec reads and writes it.
 *
 * Every parameter has a short URL key, a label for people and screen
 * readers, a default, and the range of values it may take. A decoded state
 * always lies inside these ranges (tests/unit/widgets/url-codec.test.ts).
 */

interface ParamBase<T> {
  /** Short key used in the URL, e.g. `lr`. Letters and digits only. */
  key: string;
  label: string;
  default: T;
  /** Optional one-line help shown beside the control. */
  help?: string;
}

export interface NumberParam extends ParamBase<number> {
  type: 'number';
  min: number;
  max: number;
  step: number;
}

/** A positive number moved along a log scale (learning rates, temperatures). */
export interface LogNumberParam extends ParamBase<number> {
  type: 'log-number';
  min: number;
  max: number;
  /** Significant digits kept when the value is written to the URL. */
  digits?: number;
}

export interface IntegerParam extends ParamBase<number> {
  type: 'integer';
  min: number;
  max: number;
  step?: number;
}

export interface EnumParam<V extends string = string> extends ParamBase<V> {
  type: 'enum';
  options: readonly { value: V; label: string }[];
}

export interface BooleanParam extends ParamBase<boolean> {
  type: 'boolean';
}

/** Points in a rectangle: an editable scatter. */
export interface PointsParam extends ParamBase<readonly (readonly [number, number])[]> {
  type: 'points';
  x: readonly [number, number];
  y: readonly [number, number];
  minCount: number;
  maxCount: number;
  /** Decimals kept in the URL. */
  decimals: number;
}

/** A list of numbers: a curve sampled at fixed places, or a set of logits. */
export interface ListParam extends ParamBase<readonly number[]> {
  type: 'curve' | 'logits';
  min: number;
  max: number;
  minCount: number;
  maxCount: number;
  decimals: number;
}

/**
 * A short text from a fixed alphabet (a word to feed a model). The alphabet
 * keeps links readable and safe: a space is written `_` in the URL, and no
 * other character needs escaping.
 */
export interface TextParam extends ParamBase<string> {
  type: 'text';
  /** Every character a value may hold (lower-case letters and digits at most, and the space). */
  alphabet: string;
  maxLength: number;
}

export type Param = NumberParam | LogNumberParam | IntegerParam | EnumParam | BooleanParam | PointsParam | ListParam | TextParam;

/** The type of a parameter's value: an enum's own values, not just `string`. */
export type ValueOf<P extends Param> = P extends { type: 'enum'; options: readonly { value: infer V }[] }
  ? V
  : P extends { type: 'boolean' }
    ? boolean
    : P extends { type: 'text' }
    ? string
    : P extends { type: 'points' }
      ? readonly (readonly [number, number])[]
      : P extends { type: 'curve' | 'logits' }
        ? readonly number[]
        : number;

export interface WidgetSchema<P extends Record<string, Param> = Record<string, Param>> {
  /** The widget's name, also its default instance id and URL query key. */
  name: string;
  /**
   * Bumped when a key's meaning changes. A link of an older version is
   * upgraded by `migrate` when every step from its version is there;
   * otherwise (or for a newer version) it decodes with a notice.
   */
  version: number;
  params: P;
  /**
   * Upgrades of old links, one per version: `migrate[v]` turns the URL pairs
   * (`key → token`, as written in a version-v link; a key left out holds
   * version v's default) into those of version v + 1. They run in order, so
   * a v.1 link opens in a version-3 widget through `migrate[1]` then
   * `migrate[2]`, and opens without a notice.
   */
  migrate?: Readonly<Record<number, (pairs: Readonly<Record<string, string>>) => Record<string, string>>>;
  /**
   * Defaults that follow another setting: for a state, the value each listed
   * param takes when a link leaves it out (the descent playground's learning
   * rates follow its landscape, so `fn.rosenbrock` alone gets Rosenbrock's
   * rate). Links omit such a param exactly when it equals this value.
   */
  linkedDefaults?(state: { -readonly [K in keyof P]: ValueOf<P[K]> }): Partial<{ [K in keyof P]: ValueOf<P[K]> }>;
}

export type StateOf<S extends WidgetSchema> = { -readonly [K in keyof S['params']]: ValueOf<S['params'][K]> };
/** A widget's parameters as its schema declares them: `ParamsOf<typeof descentSchema>`. */
export type ParamsOf<S extends WidgetSchema> = StateOf<S>;

export function defaultsOf<S extends WidgetSchema>(schema: S): StateOf<S> {
  const state: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(schema.params)) state[name] = p.default;
  return state as StateOf<S>;
}

/** Declares a schema with its literal types kept, and checks its keys are unique. */
export function defineSchema<const P extends Record<string, Param>>(schema: WidgetSchema<P>): WidgetSchema<P> {
  const keys = new Set<string>();
  for (const p of Object.values(schema.params)) {
    if (!/^[a-z][a-z0-9]*$/i.test(p.key)) throw new Error(`${schema.name}: bad URL key "${p.key}"`);
    if (p.key === 'v' || keys.has(p.key)) throw new Error(`${schema.name}: URL key "${p.key}" is reserved or repeated`);
    if (p.type === 'text' && !/^[a-z0-9 ]+$/.test(p.alphabet)) throw new Error(`${schema.name}: a text alphabet holds lower-case letters, digits and the space`);
    keys.add(p.key);
  }
  for (const v of Object.keys(schema.migrate ?? {})) {
    if (!(Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) < schema.version)) throw new Error(`${schema.name}: a migration from version ${v} of a version-${schema.version} schema`);
  }
  return schema;
}

/** Whether a value is allowed for a parameter (the decoder never returns one that is not). */
export function isValid(p: Param, value: unknown): boolean {
  switch (p.type) {
    case 'number':
    case 'log-number':
      return typeof value === 'number' && Number.isFinite(value) && value >= p.min && value <= p.max;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= p.min && value <= p.max;
    case 'enum':
      return typeof value === 'string' && p.options.some((o) => o.value === value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'points':
      return (
        Array.isArray(value) &&
        value.length >= p.minCount &&
        value.length <= p.maxCount &&
        value.every(
          (pt) =>
            Array.isArray(pt) &&
            pt.length === 2 &&
            Number.isFinite(pt[0]) &&
            Number.isFinite(pt[1]) &&
            pt[0] >= p.x[0] &&
            pt[0] <= p.x[1] &&
            pt[1] >= p.y[0] &&
            pt[1] <= p.y[1],
        )
      );
    case 'text':
      return typeof value === 'string' && value.length <= p.maxLength && [...value].every((c) => p.alphabet.includes(c));
    case 'curve':
    case 'logits':
      return (
        Array.isArray(value) &&
        value.length >= p.minCount &&
        value.length <= p.maxCount &&
        value.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= p.min && v <= p.max)
      );
  }
}
