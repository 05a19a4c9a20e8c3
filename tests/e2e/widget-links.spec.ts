import { WIDGETS } from '../../components/widgets/kit/catalog';
import { test, expect } from './fixtures';

// A link to a widget must land on the widget, on a phone as on a desktop,
// even when the widgets above it load and change the page's height after
// the jump. And a pending widget's placeholder reserves about the height the
// widget will take, so the page does not lurch while a reader scrolls.
for (const [device, viewport] of [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 375, height: 800 }],
] as const) {
  test.describe(`on a ${device}`, () => {
    test.use({ viewport });
    for (const w of WIDGETS) {
      test(`a link to ${w.name} lands on it, and its placeholder held its height`, async ({ page, context }) => {
        await page.goto(`chapters/${w.chapter}/`);
        const reserved = await page.locator(`#${w.name}`).evaluate((el) => el.getBoundingClientRect().height);
        // The link opened afresh, as from a course page.
        page = await context.newPage();
        await page.goto(`chapters/${w.chapter}/#${w.name}`);
        // The instance the link names (a chapter may hold a second copy of the widget under another id).
        const frame = page.locator(`[data-widget-id="${w.name}"]`);
        await expect(frame).toBeAttached();
        // Once the page has settled, the widget's top edge sits near the top of the viewport.
        await expect
          .poll(async () => Math.round(await frame.evaluate((el) => el.getBoundingClientRect().top)), { timeout: 10_000 })
          .toBeGreaterThanOrEqual(0);
        await expect.poll(async () => frame.evaluate((el) => el.getBoundingClientRect().top), { timeout: 10_000 }).toBeLessThan(160);
        // A widget that computes its first picture in a worker grows once the answer comes: measure it settled.
        const height = () => page.locator(`#${w.name}`).evaluate((el) => el.getBoundingClientRect().height);
        let rendered = await height();
        for (let settled = false, tries = 0; !settled && tries < 30; tries++) {
          await page.waitForTimeout(300);
          const now = await height();
          settled = now === rendered;
          rendered = now;
        }
        expect(Math.abs(rendered - reserved) / rendered, `placeholder ${reserved}px, widget ${rendered}px`).toBeLessThan(0.15);
      });
    }
  });
}
