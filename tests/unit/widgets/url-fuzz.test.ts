/**
 * 1,050 malformed links (70 per widget, tests/fuzz/url-cases.ts) through the
 * decoder, directly and as the page receives them from its query string:
 * nothing throws, every decoded value lies inside its parameter's range, a
 * link with a value that can never be used yields a notice, and the state
 * the widget then shows writes a link that opens without one.
 */
import { describe, expect, it } from 'vitest';
import { WIDGETS } from '@/components/widgets/kit/catalog';
import { isValid, type WidgetSchema } from '@/components/widgets/kit/schema';
import { decodeState, encodeState, openingState } from '@/components/widgets/kit/url-codec';
import { linkCases } from '../../fuzz/url-cases';

const schemas = WIDGETS.map((w) => w.schema as WidgetSchema);
const cases = linkCases(schemas, 70);

function expectInRange(schema: WidgetSchema, state: Record<string, unknown>, where: string) {
  for (const [name, p] of Object.entries(schema.params)) expect(isValid(p, state[name]), `${where}: ${name} = ${JSON.stringify(state[name])?.slice(0, 80)}`).toBe(true);
}

describe('fuzzed widget links', () => {
  it('covers every widget with at least 1,000 cases, most of them certain to be rejected', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(cases.map((c) => c.widget))).toEqual(new Set(schemas.map((s) => s.name)));
    expect(cases.filter((c) => c.mustNotice).length).toBeGreaterThan(cases.length / 2);
  });

  for (const schema of schemas) {
    it(`${schema.name}: decodes every case safely`, () => {
      for (const c of cases.filter((k) => k.widget === schema.name)) {
        const where = `${c.mutations.join('+')} ${c.raw.slice(0, 120)}`;
        const direct = decodeState(schema, c.raw);
        expectInRange(schema, direct.state as Record<string, unknown>, where);
        if (c.mustNotice) expect(direct.notices.length, where).toBeGreaterThan(0);
        for (const notice of direct.notices) expect(notice.length, where).toBeLessThan(300);

        const viaPage = openingState(schema, `?${schema.name}=${c.raw}`, schema.name);
        expectInRange(schema, viaPage.state as Record<string, unknown>, `page: ${where}`);

        // What the widget shows, written back as a link, opens cleanly in the same state.
        const again = decodeState(schema, encodeState(schema, direct.state));
        expect(again.notices, where).toEqual([]);
        expect(again.state, where).toEqual(direct.state);
      }
    });
  }
});
