import { describe, expect, it } from 'vitest';
import { defineSchema, isValid, type Param, type StateOf } from '@/components/widgets/kit/schema';
import { decodeState, encodeState, instanceStateIn, openingState, withInstanceState } from '@/components/widgets/kit/url-codec';
import { mulberry32 as rng } from '../plots/rng';
import { L2_VALUES, playgroundSchema } from '@/components/widgets/playground/schema';

const schema = defineSchema({
  name: 'test-widget',
  version: 2,
  params: {
    lr: { type: 'log-number', key: 'lr', label: 'Learning rate', min: 1e-4, max: 10, default: 0.03 },
    mu: { type: 'number', key: 'mu', label: 'Momentum', min: 0, max: 0.99, step: 0.01, default: 0.9 },
    layers: { type: 'integer', key: 'l', label: 'Layers', min: 1, max: 6, default: 2 },
    fn: {
      type: 'enum',
      key: 'fn',
      label: 'Function',
      options: [
        { value: 'bowl', label: 'Bowl' },
        { value: 'ravine', label: 'Ravine' },
      ],
      default: 'bowl',
    },
    adam: { type: 'boolean', key: 'ad', label: 'Adam', default: true },
    pts: { type: 'points', key: 'pts', label: 'Points', x: [-1, 1], y: [-2, 2], minCount: 0, maxCount: 50, decimals: 3, default: [[0, 0]] },
    logits: { type: 'logits', key: 'z', label: 'Logits', min: -10, max: 10, minCount: 3, maxCount: 8, decimals: 2, default: [1, 2, 3] },
    curve: { type: 'curve', key: 'g', label: 'Target', min: -1, max: 1, minCount: 5, maxCount: 5, decimals: 2, default: [0, 0, 0, 0, 0] },
  },
});


function randomValid(p: Param, r: () => number): unknown {
  const between = (lo: number, hi: number) => lo + (hi - lo) * r();
  switch (p.type) {
    case 'number':
      return Math.round(between(p.min, p.max) / p.step) * p.step > p.max ? p.max : Math.max(p.min, Math.round(between(p.min, p.max) / p.step) * p.step);
    case 'log-number':
      return Math.exp(between(Math.log(p.min), Math.log(p.max)));
    case 'integer':
      return Math.floor(between(p.min, p.max + 1 - 1e-9));
    case 'enum':
      return p.options[Math.floor(r() * p.options.length)].value;
    case 'boolean':
      return r() < 0.5;
    case 'points': {
      const n = p.minCount + Math.floor(r() * (p.maxCount - p.minCount + 1));
      return Array.from({ length: n }, () => [between(p.x[0], p.x[1]), between(p.y[0], p.y[1])]);
    }
    case 'curve':
    case 'logits': {
      const n = p.minCount + Math.floor(r() * (p.maxCount - p.minCount + 1));
      return Array.from({ length: n }, () => between(p.min, p.max));
    }
  }
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789.~_,-+eE%&=#?! v';

function expectWithinSchema(state: Record<string, unknown>) {
  for (const [name, p] of Object.entries(schema.params)) expect(isValid(p as Param, state[name]), name).toBe(true);
}

describe('URL codec', () => {
  it('round-trips random valid states exactly', () => {
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const state = Object.fromEntries(Object.entries(schema.params).map(([k, p]) => [k, randomValid(p as Param, r)])) as StateOf<typeof schema>;
      expectWithinSchema(state);
      const encoded = encodeState(schema, state);
      const decoded = decodeState(schema, encoded);
      expect(decoded.notices).toEqual([]);
      expect(decoded.state).toEqual(state);
    }
  });

  it('writes only what differs from the defaults', () => {
    const state = { ...decodeState(schema, '').state, lr: 0.1, fn: 'ravine' as const };
    expect(encodeState(schema, state)).toBe('v.2~lr.0.1~fn.ravine');
    expect(encodeState(schema, state, { play: true })).toBe('v.2~lr.0.1~fn.ravine~play.1');
  });

  it('never throws and always decodes into the schema, whatever the string', () => {
    const r = rng(11);
    const keys = ['lr', 'mu', 'l', 'fn', 'ad', 'pts', 'z', 'g', 'v', 'play', 'zz'];
    for (let i = 0; i < 5000; i++) {
      let s = '';
      if (i % 2 === 0) {
        // Structured noise: real keys with mangled values.
        const n = Math.floor(r() * 6);
        s = Array.from({ length: n }, () => {
          const key = keys[Math.floor(r() * keys.length)];
          const len = Math.floor(r() * 12);
          const value = Array.from({ length: len }, () => ALPHABET[Math.floor(r() * ALPHABET.length)]).join('');
          return `${key}.${value}`;
        }).join('~');
      } else {
        const len = Math.floor(r() * 40);
        s = Array.from({ length: len }, () => ALPHABET[Math.floor(r() * ALPHABET.length)]).join('');
      }
      const decoded = decodeState(schema, s);
      expectWithinSchema(decoded.state);
    }
  });

  it('falls back to defaults with a notice for bad, unknown and out-of-range values', () => {
    const d = decodeState(schema, 'v.2~lr.100~mu.abc~l.2.5~fn.cliff~ad.yes~pts.0,0_5,5~z.1_2~zz.1~g.0_0_0_0_NaN');
    expect(d.state).toEqual(decodeState(schema, '').state);
    expect(d.notices).toHaveLength(9);
    expect(d.notices.join('\n')).toMatch(/Learning rate/);
    expect(d.notices.join('\n')).toMatch(/does not know/);
  });

  it('accepts the good values of a partly bad link', () => {
    const d = decodeState(schema, 'v.2~lr.0.5~mu.bad~fn.ravine');
    expect(d.state.lr).toBe(0.5);
    expect(d.state.mu).toBe(0.9);
    expect(d.state.fn).toBe('ravine');
    expect(d.notices).toHaveLength(1);
  });

  it('says when a link is from another version, and reads the play flag', () => {
    const d = decodeState(schema, 'v.1~fn.ravine~play.1');
    expect(d.notices[0]).toMatch(/another version/);
    expect(d.state.fn).toBe('ravine');
    expect(d.play).toBe(true);
  });

  it('keeps other instances when writing one instance into a query string', () => {
    const q = withInstanceState('?other=v.1~a.1&test-widget=v.2~lr.1', 'test-widget', 'v.2~lr.0.5');
    expect(q).toBe('?other=v.1~a.1&test-widget=v.2~lr.0.5');
    expect(instanceStateIn(q, 'test-widget')).toBe('v.2~lr.0.5');
    expect(instanceStateIn('%%%', 'x')).toBeNull();
  });

  it("opens an instance from its link's state, else from the chapter's preset, else from the defaults", () => {
    const preset = 'fn.ravine~lr.0.5';
    // No state for this instance in the link: the preset (written without a version) applies, with no notice.
    const fromPreset = openingState(schema, '?other=v.1~a.1', 'test-widget', preset);
    expect(fromPreset.state).toMatchObject({ fn: 'ravine', lr: 0.5, mu: 0.9 });
    expect(fromPreset.notices).toEqual([]);
    // The link's state wins whole: a link carries every setting that differs from the defaults.
    expect(openingState(schema, '?test-widget=v.2~mu.0.5', 'test-widget', preset).state).toMatchObject({ fn: 'bowl', lr: 0.03, mu: 0.5 });
    // Another instance's state is not this one's.
    expect(openingState(schema, '?second=v.2~mu.0.5', 'test-widget').state).toEqual(decodeState(schema, '').state);
    // What a copied link writes for a preset instance reopens it exactly, preset or not.
    const link = encodeState(schema, fromPreset.state);
    expect(openingState(schema, `?test-widget=${link}`, 'test-widget').state).toEqual(fromPreset.state);
  });
});

describe('linked defaults', () => {
  const linkedSchema = defineSchema({
    name: 'linked',
    version: 1,
    params: {
      fn: { type: 'enum', key: 'fn', label: 'Function', options: [{ value: 'bowl', label: 'Bowl' }, { value: 'steep', label: 'Steep' }], default: 'bowl' },
      lr: { type: 'log-number', key: 'lr', label: 'Learning rate', min: 1e-4, max: 1, default: 0.1 },
    },
    linkedDefaults: (s) => ({ lr: s.fn === 'steep' ? 0.001 : 0.1 }),
  });

  it('a link that sets the leading param but not the linked one gets the linked value', () => {
    expect(decodeState(linkedSchema, 'v.1~fn.steep').state).toEqual({ fn: 'steep', lr: 0.001 });
    expect(decodeState(linkedSchema, 'v.1~fn.steep~lr.0.1').state).toEqual({ fn: 'steep', lr: 0.1 });
    expect(decodeState(linkedSchema, 'v.1~fn.bowl').state).toEqual({ fn: 'bowl', lr: 0.1 });
  });

  it('an invalid linked value falls back to the linked default, with a notice', () => {
    const d = decodeState(linkedSchema, 'v.1~fn.steep~lr.abc');
    expect(d.state).toEqual({ fn: 'steep', lr: 0.001 });
    expect(d.notices).toHaveLength(1);
  });

  it('encodes the linked param exactly when it differs from its linked default, and round-trips', () => {
    expect(encodeState(linkedSchema, { fn: 'steep', lr: 0.001 })).toBe('v.1~fn.steep');
    expect(encodeState(linkedSchema, { fn: 'steep', lr: 0.1 })).toBe('v.1~fn.steep~lr.0.1');
    for (const state of [
      { fn: 'steep', lr: 0.1 },
      { fn: 'steep', lr: 0.001 },
      { fn: 'bowl', lr: 0.001 },
      { fn: 'bowl', lr: 0.1 },
    ] as const) {
      expect(decodeState(linkedSchema, encodeState(linkedSchema, state)).state).toEqual(state);
    }
  });
});

describe('text parameters', () => {
  const schema = defineSchema({
    name: 'words',
    version: 1,
    params: { probe: { type: 'text', key: 'in', label: 'Input', alphabet: 'abcdefghijklmnopqrstuvwxyz ', maxLength: 12, default: 'emma' } },
  });

  it('writes a space as _ and reads it back', () => {
    const encoded = encodeState(schema, { probe: 'anna lee' });
    expect(encoded).toBe('v.1~in.anna_lee');
    expect(decodeState(schema, encoded)).toMatchObject({ state: { probe: 'anna lee' }, notices: [] });
  });

  it('refuses characters outside the alphabet, and texts too long, with a notice', () => {
    for (const bad of ['v.1~in.Emma', 'v.1~in.abcdefghijklm', 'v.1~in.é', 'v.1~in.a-b']) {
      const decoded = decodeState(schema, bad);
      expect(decoded.state.probe, bad).toBe('emma');
      expect(decoded.notices.length, bad).toBeGreaterThan(0);
    }
    expect(isValid(schema.params.probe, '')).toBe(true);
  });
});

describe('old links keep opening', () => {
  // Links handed out since the book's first version carry `v.1`. Whatever a
  // widget's schema version is now, such a link opens without a notice, and a
  // v.1 link that sets every parameter to its first version's meaning decodes.
  it('every widget opens a bare v.1 link without a notice', async () => {
    const { WIDGETS } = await import('@/components/widgets/kit/catalog');
    for (const w of WIDGETS) {
      const decoded = decodeState(w.schema, 'v.1');
      expect(decoded.notices, w.name).toEqual([]);
    }
  });
});

describe('links of an older version, upgraded by the schema’s migrations', () => {
  // Version 3: in v.2 `lr` was written in tenths; v.1 called the function `f`.
  const migrating = defineSchema({
    name: 'migrating',
    version: 3,
    migrate: {
      1: ({ f, ...pairs }) => (f === undefined ? pairs : { ...pairs, fn: f }),
      2: ({ lr, ...pairs }) => (lr === undefined ? pairs : { ...pairs, lr: String(Number(lr) / 10) }),
    },
    params: {
      lr: { type: 'log-number', key: 'lr', label: 'Learning rate', min: 1e-4, max: 10, default: 0.03 },
      fn: { type: 'enum', key: 'fn', label: 'Function', options: [{ value: 'bowl', label: 'Bowl' }, { value: 'ravine', label: 'Ravine' }], default: 'bowl' },
    },
  });

  it('runs every step from the link’s version in order, with no notice', () => {
    expect(decodeState(migrating, 'v.1~f.ravine~lr.2~play.1')).toEqual({ state: { lr: 0.2, fn: 'ravine' }, notices: [], play: true });
    expect(decodeState(migrating, 'v.2~fn.ravine~lr.2')).toEqual({ state: { lr: 0.2, fn: 'ravine' }, notices: [], play: false });
    expect(decodeState(migrating, 'v.3~fn.ravine~lr.2')).toEqual({ state: { lr: 2, fn: 'ravine' }, notices: [], play: false });
  });

  it('still reports what does not fit after the upgrade, and a repeated key', () => {
    const d = decodeState(migrating, 'v.2~lr.abc~fn.ravine~fn.bowl');
    expect(d.state).toEqual({ lr: 0.03, fn: 'ravine' });
    expect(d.notices).toHaveLength(2);
  });

  it('a version with no way up (newer, missing a step, not a number) keeps the notice', () => {
    for (const v of ['4', '0', 'x']) expect(decodeState(migrating, `v.${v}~fn.ravine`).notices[0], v).toMatch(/another version/);
    expect(() => defineSchema({ ...migrating, migrate: { 3: (p) => p } })).toThrow(/migration/);
  });

  it('a v.1 playground link (L2 as λθ on every parameter) opens with λ halved: the same pull on the weights', () => {
    expect(playgroundSchema.version).toBe(2);
    const d = decodeState(playgroundSchema, 'v.1~ds.moons~nz.0.15~tr.10~w.32_32~act.relu~l2.0.003');
    expect(d.notices).toEqual([]);
    expect(d.state).toMatchObject({ dataset: 'moons', noise: 0.15, trainPercent: 10, widths: [32, 32], activation: 'relu', l2: '0.0015' });
    // Every value v.1 offered has its half in v.2's list.
    for (const old of ['0', '0.00001', '0.0001', '0.001', '0.003', '0.01', '0.03', '0.1']) {
      const upgraded = decodeState(playgroundSchema, `v.1~l2.${old}`);
      expect(upgraded.notices, old).toEqual([]);
      expect(Number(upgraded.state.l2), old).toBe(Number(old) / 2);
      expect(L2_VALUES).toContain(upgraded.state.l2);
    }
    // A v.1 link without l2 had none, and has none.
    expect(decodeState(playgroundSchema, 'v.1~ds.xor').state.l2).toBe('0');
    // The current version is read as written; a future one gets the notice.
    expect(decodeState(playgroundSchema, 'v.2~l2.0.003').state.l2).toBe('0.003');
    expect(decodeState(playgroundSchema, 'v.3~l2.0.003').notices[0]).toMatch(/another version/);
  });
});
