/**
 * Malformed widget links, generated: what an instructor might type by hand,
 * what a chat program does to a long URL, what an old or a different widget
 * wrote. Each case starts from a random valid state of one widget and applies
 * one to three mutations. A case records whether some mutation is certain to
 * be rejected (so the widget must say so) or may, by chance, still be valid.
 *
 * Shared by the unit test (every case through the decoder) and the browser
 * test (a sample opened in Chromium).
 */
import type { Param, WidgetSchema } from '../../components/widgets/kit/schema';
import { encodeState } from '../../components/widgets/kit/url-codec';
import { mulberry32 as rng } from '../unit/plots/rng';

export interface LinkCase {
  widget: string;
  /** The instance's query value, as it would follow `?<widget>=` (not percent-encoded). */
  raw: string;
  /** The mutations applied, for failure messages. */
  mutations: string[];
  /** At least one mutation can never decode: the widget must show a notice. */
  mustNotice: boolean;
}

type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const between = (r: Random, lo: number, hi: number) => lo + r() * (hi - lo);
const roundTo = (x: number, decimals: number) => Number(x.toFixed(decimals));

/** A random value the parameter accepts. */
function validValue(r: Random, p: Param): unknown {
  switch (p.type) {
    case 'number':
      return Math.min(p.max, Math.max(p.min, p.min + Math.round(between(r, 0, (p.max - p.min) / p.step)) * p.step));
    case 'log-number':
      return Math.min(p.max, Math.max(p.min, Number(Math.exp(between(r, Math.log(p.min), Math.log(p.max))).toPrecision(3))));
    case 'integer':
      return Math.floor(between(r, p.min, p.max + 1 - 1e-9));
    case 'enum':
      return pick(r, p.options).value;
    case 'boolean':
      return r() < 0.5;
    case 'points': {
      const n = p.minCount + Math.floor(r() * (Math.min(p.maxCount, p.minCount + 6) - p.minCount + 1));
      return Array.from({ length: n }, () => [roundTo(between(r, p.x[0], p.x[1]), p.decimals), roundTo(between(r, p.y[0], p.y[1]), p.decimals)]);
    }
    case 'curve':
    case 'logits': {
      const n = p.minCount + Math.floor(r() * (p.maxCount - p.minCount + 1));
      return Array.from({ length: n }, () => roundTo(between(r, p.min, p.max), p.decimals));
    }
    case 'text': {
      const n = Math.floor(r() * (p.maxLength + 1));
      return Array.from({ length: n }, () => pick(r, [...p.alphabet])).join('').trim();
    }
  }
}

/** Tokens this parameter can never accept, whatever its state. */
function invalidTokens(p: Param): string[] {
  const always = ['é☃', '%E2%98', '😀'.repeat(3)];
  switch (p.type) {
    case 'number':
    case 'log-number':
    case 'integer': {
      const span = p.max - p.min + 1;
      const out = ['banana', '', '1e999', '-1e999', 'NaN', 'Infinity', '0x10', '1,5', '١٢', '１', String(p.max + span), String(p.min - span), '9'.repeat(400), '--1', '1..2'];
      if (p.type === 'log-number' && p.min > 0) out.push('0', '-0.5');
      if (p.type === 'integer' && p.min + 0.5 < p.max) out.push(String(p.min + 0.5));
      return [...out, ...always];
    }
    case 'enum':
      return ['banana-zz', '', 'NULL', `${p.options[0].value}x`, p.options[0].value.toUpperCase() === p.options[0].value ? 'ZZZ' : p.options[0].value.toUpperCase(), ...always];
    case 'boolean':
      return ['2', 'true', 'yes', '', '-1', '01', ...always];
    case 'points':
      return ['1,2,3', 'a,b', `${p.x[1] + 100},${p.y[0]}`, `${p.x[0]},${p.y[1] * 10 + 100}`, Array.from({ length: p.maxCount + 1 }, () => `${p.x[0]},${p.y[0]}`).join('_'), '1,', ',', '_', ...always];
    case 'curve':
    case 'logits':
      return ['a_b', String(p.max + 1000), `${p.min - 1000}_${p.min}`, Array.from({ length: p.maxCount + 1 }, () => String(p.min)).join('_'), '1__2', ...(p.minCount > 0 ? [''] : []), ...always];
    case 'text': {
      const upper = [...'ABCXYZ'].find((c) => !p.alphabet.includes(c)) ?? '';
      const out = [p.alphabet[0].repeat(p.maxLength + 1), '%%', 'é', ...always];
      if (upper) out.push(upper.repeat(2));
      return out;
    }
  }
}

/** A state's pairs, `key.token`, as the widget itself would write them (version first). */
function validPairs(r: Random, schema: WidgetSchema): string[] {
  const state = Object.fromEntries(Object.entries(schema.params).map(([name, p]) => [name, r() < 0.6 ? validValue(r, p) : p.default]));
  return encodeState(schema, state as never).split('~');
}

const MUTATIONS = ['wrong-type', 'out-of-range', 'unicode', 'repeated-key', 'truncated', 'foreign-key', 'old-version', 'future-version', 'garbage', 'transport', 'huge'] as const;
type Mutation = (typeof MUTATIONS)[number];

function mutate(r: Random, schema: WidgetSchema, others: readonly WidgetSchema[], pairs: string[], kind: Mutation): boolean {
  const params = Object.values(schema.params);
  const keys = new Set(params.map((p) => p.key));
  const setPair = (key: string, token: string) => {
    const i = pairs.findIndex((pair) => pair.split('.')[0] === key);
    if (i >= 0) pairs[i] = `${key}.${token}`;
    else pairs.splice(1 + Math.floor(r() * pairs.length), 0, `${key}.${token}`);
  };
  switch (kind) {
    case 'wrong-type':
    case 'out-of-range': {
      const p = pick(r, params);
      const tokens = invalidTokens(p);
      setPair(p.key, kind === 'wrong-type' ? pick(r, tokens.slice(0, 3)) : pick(r, tokens));
      return true;
    }
    case 'unicode': {
      const p = pick(r, params);
      setPair(p.key, pick(r, ['é☃', '😀', 'ø٣', '\u202e1.0', 'θ']));
      return true;
    }
    case 'huge': {
      const p = pick(r, params);
      setPair(p.key, p.type === 'text' ? p.alphabet[0].repeat(5000) : '9'.repeat(5000));
      return true;
    }
    case 'repeated-key': {
      const body = pairs.slice(1);
      if (body.length === 0) {
        const p = pick(r, params);
        pairs.push(`${p.key}.x`, `${p.key}.y`);
        return true;
      }
      pairs.push(pick(r, body));
      return true;
    }
    case 'truncated': {
      const text = pairs.join('~');
      const cut = Math.floor(r() * text.length);
      pairs.splice(0, pairs.length, ...text.slice(0, cut).split('~'));
      return false;
    }
    case 'foreign-key': {
      const foreign = others.flatMap((o) => Object.values(o.params)).filter((p) => !keys.has(p.key));
      if (foreign.length === 0) {
        pairs.push('zz.1');
        return true;
      }
      const p = pick(r, foreign);
      pairs.push(`${p.key}.${String(p.default).slice(0, 20)}`);
      return true;
    }
    case 'old-version':
      pairs[0] = pick(r, ['v.0', 'v.-1', 'v.', 'v']);
      return true;
    case 'future-version':
      pairs[0] = `v.${schema.version + 1 + Math.floor(r() * 50)}`;
      return true;
    case 'garbage':
      pairs.push(
        Array.from({ length: 1 + Math.floor(r() * 30) }, () => String.fromCharCode(33 + Math.floor(r() * 94)))
          .join('')
          .replaceAll('~', '')
          .replaceAll('&', '')
          .replaceAll('#', ''),
      );
      return false;
    case 'transport':
      // What mail and chat programs do to links: escaped tildes, stray
      // ampersands and half-written percent escapes.
      pairs.push(pick(r, ['%7E', '&', '=', '%zz', '+', '%', 'a=b', '&&']));
      return false;
  }
}

/** `count` cases for each schema, deterministic for a seed. */
export function linkCases(schemas: readonly WidgetSchema[], count: number, seed = 20261203): LinkCase[] {
  const r = rng(seed);
  const out: LinkCase[] = [];
  for (const schema of schemas) {
    const others = schemas.filter((s) => s !== schema);
    for (let i = 0; i < count; i++) {
      const pairs = validPairs(r, schema);
      const n = 1 + Math.floor(r() * 3);
      const mutations: Mutation[] = Array.from({ length: n }, () => pick(r, MUTATIONS));
      let mustNotice = false;
      for (const m of mutations) mustNotice = mutate(r, schema, others, pairs, m) || mustNotice;
      // A later truncation can cut an earlier bad pair away.
      if (mutations.lastIndexOf('truncated') > 0) mustNotice = false;
      if (mutations[0] === 'truncated' && mutations.length === 1) mustNotice = false;
      out.push({ widget: schema.name, raw: pairs.join('~'), mutations, mustNotice });
    }
  }
  return out;
}
