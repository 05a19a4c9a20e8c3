import type { Page } from '@playwright/test';
import { test, expect, openInTheme, seriousViolations } from './fixtures';

/**
 * The header's search (components/site/SiteSearch.tsx): Pagefind's index,
 * built by scripts/search-index.mjs, loads when the box is first used and
 * finds chapter sections by their prose, never by their math. These tests
 * also run below the base path, where result URLs need its prefix.
 */

const searchButton = (page: Page) => page.locator('header').getByRole('button', { name: 'Search' });
const field = (page: Page) => page.getByRole('combobox', { name: 'Search the book' });
const hits = (page: Page) => page.getByRole('listbox', { name: 'Sections found' }).getByRole('option');

/** Records every request for the search index or its code. */
function pagefindRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/pagefind/')) seen.push(r.url());
  });
  return seen;
}

async function search(page: Page, term: string) {
  await searchButton(page).click();
  await expect(field(page)).toBeFocused();
  await field(page).fill(term);
}

test('the index loads only when the search is used; "momentum" leads to its section', async ({ page, baseURL }) => {
  const requests = pagefindRequests(page);
  await page.goto('');
  await page.waitForLoadState('networkidle');
  expect(requests, 'nothing of the index before the box is used').toEqual([]);

  await search(page, 'momentum');
  const wanted = new URL('chapters/learning/#momentum', baseURL).href;
  const hit = hits(page).and(page.locator('[href$="/chapters/learning/#momentum"]'));
  await expect(hit.first()).toBeVisible();
  expect(requests.some((u) => u.endsWith('/pagefind/pagefind.js'))).toBe(true);
  // The link is absolute from the site's root, base path included.
  expect(await hit.first().evaluate((a) => (a as HTMLAnchorElement).href)).toBe(wanted);
  await expect(hit.first()).toContainText('Learning is minimizing');
  await expect(hit.first().locator('mark').first()).toHaveText(/momentum/i);

  await hit.first().click();
  await expect(page).toHaveURL(wanted);
  await expect(page.locator('#momentum')).toBeInViewport();
  await expect(page.getByRole('listbox', { name: 'Sections found' })).toHaveCount(0);
});

test('prose is found; a word that occurs only inside math finds nothing', async ({ page }) => {
  await page.goto('');
  await search(page, 'ravine');
  await expect(hits(page).first()).toBeVisible();
  const hrefs = await hits(page).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
  expect(hrefs.some((h) => /\/chapters\/learning\/#condition-number$/.test(h ?? '')), hrefs.join(' ')).toBe(true);

  // LaTeX macros occur in the chapters' sources (and in KaTeX's MathML annotations), never in their prose.
  for (const term of ['nabla', 'pmatrix']) {
    await field(page).fill(term);
    await expect(page.getByRole('search').getByRole('status')).toHaveText(`No section matches “${term}”.`);
    await expect(hits(page)).toHaveCount(0);
  }
  // Pagefind falls back to near words when a term is not in the index
  // ("operatorname" finds "operation"): what it marks is never the macro.
  await field(page).fill('operatorname');
  await expect(page.getByRole('search')).toHaveAttribute('data-searched', 'operatorname');
  const marked = await page.getByRole('listbox').locator('mark').allTextContents();
  expect(marked.filter((m) => /operatorname/i.test(m))).toEqual([]);
});

test('keyboard alone: open, type, arrow to a result, Enter follows it; Escape closes', async ({ page, baseURL }) => {
  await page.goto('');
  await searchButton(page).focus();
  await page.keyboard.press('Enter');
  await expect(field(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(field(page)).toHaveCount(0);
  await expect(searchButton(page)).toBeFocused();
  await expect(searchButton(page)).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press('Enter');
  await page.keyboard.type('adam');
  await expect(hits(page).first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = hits(page).nth(1);
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(field(page)).toHaveAttribute('aria-activedescendant', (await second.getAttribute('id'))!);
  await page.keyboard.press('ArrowUp');
  const first = hits(page).nth(0);
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const href = (await first.getAttribute('href'))!;
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new URL(href, baseURL).href);
  const id = new URL(href, baseURL).hash.slice(1);
  if (id) await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the open search with results has no serious accessibility violations (${theme})`, async ({ page }) => {
    await openInTheme(page, '', theme);
    await search(page, 'gradient');
    await expect(hits(page).first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('on a phone the search is an icon that opens a panel inside the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('chapters/learning/');
  const button = searchButton(page);
  const box = (await button.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await search(page, 'softmax');
  await expect(hits(page).first()).toBeVisible();
  const panel = (await page.getByRole('search', { name: 'Search the book' }).boundingBox())!;
  expect(panel.x).toBeGreaterThanOrEqual(0);
  expect(panel.x + panel.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
