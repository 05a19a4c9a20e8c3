/**
 * A sample of the fuzzed links (tests/fuzz/url-cases.ts; the unit test
 * decodes all of them) opened in Chromium: two per widget on its embed page,
 * and one chapter page whose four playground instances all get a bad link at
 * once. No page error, no blank widget, and a visible notice wherever the
 * decoder dropped something.
 */
import type { Page } from '@playwright/test';
import { WIDGETS } from '../../components/widgets/kit/catalog';
import type { WidgetSchema } from '../../components/widgets/kit/schema';
import { openingState } from '../../components/widgets/kit/url-codec';
import { linkCases, type LinkCase } from '../fuzz/url-cases';
import { expect, test } from './fixtures';

const schemas = WIDGETS.map((w) => w.schema as WidgetSchema);
const cases = linkCases(schemas, 70);

/** The first case sure to be rejected, and the first that went through transport or truncation. */
function sampleOf(name: string): LinkCase[] {
  const own = cases.filter((c) => c.widget === name);
  const sure = own.find((c) => c.mustNotice)!;
  const mangled = own.find((c) => c !== sure && c.mutations.some((m) => m === 'transport' || m === 'truncated')) ?? own[1];
  return [sure, mangled];
}

async function expectShown(page: Page, schema: WidgetSchema, instance: string, search: string, where: string) {
  const frame = page.locator(`[data-widget-id="${instance}"]`);
  await expect(frame, where).toBeVisible();
  await expect(frame, where).toHaveAttribute('data-run-state', /^(idle|static|loading)$/);
  expect((await frame.boundingBox())!.height, where).toBeGreaterThan(150);
  await expect(frame.locator('[data-part="body"]'), where).not.toBeEmpty();
  const notices = openingState(schema, search, instance).notices;
  const notice = frame.getByRole('status').filter({ hasText: 'could not be used' });
  if (notices.length > 0) await expect(notice, where).toBeVisible();
  else await expect(notice, where).toHaveCount(0);
}

for (const w of WIDGETS) {
  test(`${w.name}: fuzzed links open with a notice, never a blank widget`, async ({ page }) => {
    for (const c of sampleOf(w.name)) {
      const search = `?${w.name}=${c.raw}`;
      await page.goto(`embed/${w.name}/${search}`);
      // What the page really received (the browser percent-encodes some characters on the way).
      const received = await page.evaluate(() => location.search);
      await expectShown(page, w.schema as WidgetSchema, w.name, received, `${c.mutations.join('+')} ${c.raw.slice(0, 100)}`);
    }
  });
}

test('a chapter with four fuzzed instances at once: every one falls back and says so', async ({ page }) => {
  const schema = schemas.find((s) => s.name === 'descent-playground')!;
  const bad = cases.filter((c) => c.widget === 'descent-playground' && c.mustNotice && !c.raw.includes('&')).slice(0, 4);
  const ids = ['bowl-regimes', 'ravine-kappa-100', 'ravine-momentum', 'ravine-adam'];
  const search = `?${ids.map((id, i) => `${id}=${bad[i].raw}`).join('&')}`;
  await page.goto(`chapters/learning/${search}`);
  const received = await page.evaluate(() => location.search);
  for (const id of ids) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await expectShown(page, schema, id, received, id);
  }
});
