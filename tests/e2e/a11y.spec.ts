import { test, expect, openInTheme, ROUTES, seriousViolations } from './fixtures';

for (const theme of ['light', 'dark'] as const) {
  for (const route of ROUTES) {
    test(`axe: no serious violations on /${route.path} (${theme})`, async ({ page }) => {
      // axe walks every node of a chapter (thousands of typeset formulas): slow on a loaded machine.
      test.slow();
      await openInTheme(page, route.path, theme);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

test('keyboard: skip link, then the theme switch', async ({ page }) => {
  await page.goto('chapters/learning/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
