/**
 * A widget's state in one query value:
 *   ?descent-playground=v.1~fn.ravine~lr.0.02~play.1#descent-playground
 * Pairs are `key.value` joined by `~` (all URL-safe, so links stay readable).
 * Numbers are written exactly (shortest round-trip form), lists as `a_b_c`,
 * points as `x,y_x,y`, booleans as 1/0, texts with `_` for a space. Only values that differ from the
 * defaults (or the schema's linked defaults) are written. Decoding never
 * throws: whatever does not parse, is unknown, or lies outside the schema
 * falls back to the default and yields a notice that the widget shows.
 * A link of an older version (`v.1` read by a version-2 schema) is first
 * upgraded by the schema's `migrate` steps, pair by pair, when it has them.
 */
import { defaultsOf, isValid, type Param, type StateOf, type WidgetSchema } from './schema';

export interface Decoded<S extends WidgetSchema> {
  state: StateOf<S>;
  /** Human-readable reasons something in the link was not used. */
  notices: string[];
  /** The link asked the widget to start playing. */
  play: boolean;
}

function formatNumber(x: number): string {
  // '+' would read back as a space in a query string; Number() accepts 1e21.
  return String(x).replace('+', '');
}

/** Strict number parsing: the whole token, finite, nothing else. */
function parseNumber(token: string): number | null {
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(token)) return null;
  const x = Number(token);
  // "-0" reads as 0: the state must write back the link it came from (String(-0) is "0").
  return Number.isFinite(x) ? x + 0 : null;
}

function encodeValue(p: Param, value: unknown): string {
  switch (p.type) {
    case 'number':
    case 'log-number':
    case 'integer':
      return formatNumber(value as number);
    case 'enum':
      return value as string;
    case 'boolean':
      return value ? '1' : '0';
    case 'points':
      return (value as [number, number][]).map(([x, y]) => `${formatNumber(x)},${formatNumber(y)}`).join('_');
    case 'curve':
    case 'logits':
      return (value as number[]).map(formatNumber).join('_');
    case 'text':
      return (value as string).replaceAll(' ', '_');
  }
}

/** The parsed value, or undefined when the token does not parse. Range is checked by the caller. */
function decodeValue(p: Param, token: string): unknown {
  switch (p.type) {
    case 'number':
    case 'log-number':
    case 'integer':
      return parseNumber(token) ?? undefined;
    case 'enum':
      return token;
    case 'boolean':
      return token === '1' ? true : token === '0' ? false : undefined;
    case 'points': {
      if (token === '') return [];
      const points: [number, number][] = [];
      for (const item of token.split('_')) {
        const parts = item.split(',');
        if (parts.length !== 2) return undefined;
        const x = parseNumber(parts[0]);
        const y = parseNumber(parts[1]);
        if (x === null || y === null) return undefined;
        points.push([x, y]);
      }
      return points;
    }
    case 'text':
      return token.replaceAll('_', ' ');
    case 'curve':
    case 'logits': {
      if (token === '') return [];
      const values: number[] = [];
      for (const item of token.split('_')) {
        const x = parseNumber(item);
        if (x === null) return undefined;
        values.push(x);
      }
      return values;
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The query value for a state (without the instance id). */
export function encodeState<S extends WidgetSchema>(schema: S, state: StateOf<S>, options: { play?: boolean } = {}): string {
  const pairs = [`v.${schema.version}`];
  const linked: Record<string, unknown> = schema.linkedDefaults?.(state) ?? {};
  for (const [name, p] of Object.entries(schema.params)) {
    const value = (state as Record<string, unknown>)[name];
    const fallback = name in linked ? linked[name] : p.default;
    if (!sameValue(value, fallback)) pairs.push(`${p.key}.${encodeValue(p, value)}`);
  }
  if (options.play) pairs.push('play.1');
  return pairs.join('~');
}

function shown(token: string): string {
  return token.length > 24 ? `${token.slice(0, 24)}…` : token;
}

export function decodeState<S extends WidgetSchema>(schema: S, encoded: string | null | undefined): Decoded<S> {
  const state = defaultsOf(schema) as Record<string, unknown>;
  const notices: string[] = [];
  let play = false;
  if (encoded == null || encoded === '') return { state: state as StateOf<S>, notices, play };

  const byKey = new Map(Object.entries(schema.params).map(([name, p]) => [p.key, [name, p] as const]));
  const seen = new Set<string>();
  // Params the link set to a valid value; the others may follow linkedDefaults.
  const set = new Set<string>();
  let pairs: [string, string][] = encoded
    .split('~')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const dot = pair.indexOf('.');
      return dot < 0 ? [pair, ''] : [pair.slice(0, dot), pair.slice(dot + 1)];
    });
  const version = pairs.find(([key]) => key === 'v')?.[1];
  if (version !== undefined && version !== String(schema.version)) {
    const steps = migrationsFrom(schema, version);
    if (steps) pairs = migrated(pairs, steps);
    else notices.push(`This link was made for another version of this widget (v${shown(version)}); settings that no longer fit were reset.`);
  }
  for (const [key, token] of pairs) {
    if (key === 'v') continue;
    if (key === 'play') {
      play = token === '1';
      continue;
    }
    const entry = byKey.get(key);
    if (!entry) {
      notices.push(`The link has a setting this widget does not know ("${shown(key)}"); it was ignored.`);
      continue;
    }
    const [name, p] = entry;
    if (seen.has(key)) {
      notices.push(`The link sets "${p.label}" twice; the first value was used.`);
      continue;
    }
    seen.add(key);
    const value = decodeValue(p, token);
    if (value === undefined || !isValid(p, value)) {
      notices.push(`"${p.label}" in the link (${shown(token) || 'empty'}) is not a valid value; the default was used.`);
      continue;
    }
    state[name] = value;
    set.add(name);
  }
  const linked: Record<string, unknown> = schema.linkedDefaults?.(state as StateOf<S>) ?? {};
  for (const [name, value] of Object.entries(linked)) if (!set.has(name)) state[name] = value;
  return { state: state as StateOf<S>, notices, play };
}

/** The schema's upgrades from `version` to its own, in order, or null when a step is missing (or the version is not older). */
function migrationsFrom(schema: WidgetSchema, version: string): ((pairs: Readonly<Record<string, string>>) => Record<string, string>)[] | null {
  const from = Number(version);
  if (!/^\d+$/.test(version) || from >= schema.version) return null;
  const steps = [];
  for (let v = from; v < schema.version; v++) {
    const step = schema.migrate?.[v];
    if (!step) return null;
    steps.push(step);
  }
  return steps;
}

/** The pairs after the upgrades: the first value of each key goes through them; repeats, `v` and `play` stay as they were. */
function migrated(pairs: [string, string][], steps: ((pairs: Readonly<Record<string, string>>) => Record<string, string>)[]): [string, string][] {
  const first: Record<string, string> = {};
  const rest: [string, string][] = [];
  for (const [key, token] of pairs) {
    if (key === 'v' || key === 'play' || key in first) rest.push([key, token]);
    else first[key] = token;
  }
  const upgraded = steps.reduce<Record<string, string>>((values, step) => step(values), first);
  return [...Object.entries(upgraded), ...rest];
}

/**
 * The state an instance opens with: its own state in the page's query if
 * the link has one (a link always carries the whole state), else the
 * chapter's `preset` for it, else the schema's defaults.
 */
export function openingState<S extends WidgetSchema>(schema: S, search: string, instanceId: string, preset?: string): Decoded<S> {
  return decodeState(schema, instanceStateIn(search, instanceId) ?? preset);
}

/**
 * The query string of `search` with this instance's state replaced, keeping
 * every other instance's parameters as they are.
 */
export function withInstanceState(search: string, instanceId: string, encoded: string): string {
  const parts = search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '' && decodeURIComponent(p.split('=')[0] ?? '') !== instanceId && !p.startsWith('play='));
  parts.push(`${encodeURIComponent(instanceId)}=${encoded}`);
  return `?${parts.join('&')}`;
}

/** This instance's raw query value from a query string, or null. */
export function instanceStateIn(search: string, instanceId: string): string | null {
  try {
    return new URLSearchParams(search).get(instanceId);
  } catch {
    return null;
  }
}
