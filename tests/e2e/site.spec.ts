import { gzipSync } from 'node:zlib';
import { test, expect, mathChecked, ROUTES } from './fixtures';

test.describe('every route', () => {
  for (const route of ROUTES) {
    test(`renders /${route.path}`, async ({ page }) => {
      const response = await page.goto(route.path);
      expect(response?.status()).toBe(200);
      await expect(page).toHaveTitle(route.title);
      await expect(page.locator('h1')).toBeVisible();
    });
  }

  test('unknown paths get the 404 page', async ({ page, pageProblems }) => {
    const response = await page.goto('chapters/no-such-chapter/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    // The browser reports the page's own 404 status as a console error: that one is expected.
    const expected = pageProblems.findIndex((p) => p.includes('status of 404'));
    expect(expected).toBeGreaterThanOrEqual(0);
    pageProblems.splice(expected, 1);
  });
});

// A widget's code and data load when the reader comes near it; what every page loads first stays small.
test('each page loads at most 200 KB of gzipped JavaScript before any widget, and no widget view', async ({ request }) => {
  for (const route of ROUTES) {
    const html = await (await request.get(route.path)).text();
    const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]))];
    let bytes = 0;
    for (const src of scripts) {
      const body = await (await request.get(src)).body();
      bytes += gzipSync(body).length;
      // Views are split off: their strings must not be in a first-load script.
      expect(body.toString(), `${route.path}: ${src}`).not.toContain('clear-drawing');
      expect(body.toString(), `${route.path}: ${src}`).not.toContain('Whole forward pass');
    }
    expect(bytes, `/${route.path}: ${scripts.length} scripts`).toBeLessThanOrEqual(200 * 1024);
  }
});

test('home lists the chapters and links to them', async ({ page }) => {
  await page.goto('');
  const entry = page.getByRole('link', { name: /Learning is minimizing/ });
  await expect(entry).toBeVisible();
  await entry.click();
  await expect(page).toHaveURL(/chapters\/learning\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learning is minimizing');
});

test('chapter math is typeset at build time', async ({ page }) => {
  await page.goto('chapters/learning/');
  expect(await page.locator('.katex').count()).toBeGreaterThan(20);
  expect(await page.locator('.katex-display').count()).toBeGreaterThan(3);
  const text = await page.locator('article').innerText();
  expect(text).not.toContain('$$');
  // KaTeX's fonts come from this site.
  const fontFaces = await page.evaluate(() => document.fonts.size);
  expect(fontFaces).toBeGreaterThan(0);
  const scripts = await page.evaluate(() => Array.from(document.scripts, (s) => s.src).join(' '));
  expect(scripts).not.toMatch(/katex/i);
});

test('prose and math are static HTML: React hydrates only headings, callouts and widgets', async ({ page }) => {
  await page.goto('chapters/learning/');
  await expect(page.locator('article h2 button').first()).toBeVisible();
  // Hydration is done once a heading's copy button is a React node.
  await expect.poll(() => page.locator('article h2 button').first().evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber')))).toBe(true);
  const hydrated = await page.evaluate(() => {
    // Prose paragraphs (callout titles and the kicker have a class), list items and formulas, outside the contents and header.
    const nodes = Array.from(document.querySelectorAll('article p:not([class]), article .katex, article li')).filter((el) => !el.closest('nav, header'));
    return { nodes: nodes.length, withFiber: nodes.filter((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber'))).length };
  });
  expect(hydrated.nodes).toBeGreaterThan(100);
  expect(hydrated.withFiber).toBe(0);
});

test('a heading copies the absolute URL of its section, and the URL opens there', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('chapters/learning/');
  const heading = page.locator('article h2[id]').nth(2);
  const id = await heading.getAttribute('id');
  expect(id).toMatch(/^[a-z0-9-]+$/);
  const button = heading.getByRole('button', { name: 'Copy link to this section' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(heading.getByRole('status')).toHaveText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${baseURL}chapters/learning/#${id}`);

  const fresh = await context.newPage();
  await fresh.goto(copied);
  const target = fresh.locator(`#${id}`);
  await expect(target).toBeInViewport();
  // The section heading ends up near the top, below the sticky header.
  await expect.poll(() => target.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(200);
  expect(await target.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(0);
  await fresh.close();
});

test('previous and next links move between chapters', async ({ page }) => {
  await page.goto('chapters/learning/');
  const pager = page.getByRole('navigation', { name: 'Previous and next chapter' });
  await expect(pager.getByRole('link', { name: /Contents/ })).toBeVisible();
});

test('the chapter table of contents lists every section', async ({ page }) => {
  await page.goto('chapters/learning/');
  const ids = await page.locator('article h2[id]').evaluateAll((els) => els.map((e) => e.id));
  const side = page.getByRole('navigation', { name: 'Sections of this chapter', exact: true });
  await expect(side).toBeVisible();
  for (const id of ids) await expect(side.locator(`a[href="#${id}"]`)).toHaveCount(1);
});

test.describe('theme', () => {
  test('follows the system when nothing is chosen', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ colorScheme: 'dark', baseURL });
    const page = await context.newPage();
    await page.goto('');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await context.close();
  });

  test('the toggle overrides the system and is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('chapters/learning/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(21, 23, 28)');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'Follow system theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('no flash: the stored theme is set before first paint', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('looking-glass-theme', 'dark'));
    // Read the attribute as soon as the document exists, before any bundle runs.
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        (window as unknown as { firstTheme?: string }).firstTheme ??= document.documentElement.dataset.theme;
      });
    });
    await page.goto('');
    const first = await page.evaluate(() => (window as unknown as { firstTheme?: string }).firstTheme);
    expect(first).toBe('dark');
  });
});

test.describe('desktop width', () => {
  for (const route of ROUTES.filter((r) => r.path.startsWith('chapters/'))) {
    test(`every display equation fits the column on /${route.path}`, async ({ page }) => {
      await page.goto(route.path);
      await mathChecked(page);
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.katex-display'))
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent?.slice(0, 80)),
      );
      expect(wide).toEqual([]);
    });
  }
});

test.describe('phone width', () => {
  test.use({ viewport: { width: 375, height: 740 } });
  for (const route of ROUTES) {
    test(`no horizontal scroll on /${route.path}`, async ({ page }) => {
      await page.goto(route.path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  test('every link and button in the header is a target of at least 24 × 24 px', async ({ page }) => {
    await page.goto('chapters/learning/');
    const small = await page.locator('.site-header').evaluate((header) =>
      Array.from(header.querySelectorAll<HTMLElement>('a, button'))
        .map((el) => ({ name: el.textContent?.trim() || el.getAttribute('aria-label'), box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ name, box }) => `${name}: ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
  });

  test('the chapter contents collapse into a disclosure', async ({ page }) => {
    await page.goto('chapters/learning/');
    const disclosure = page.locator('details.chapter-toc-collapsible');
    await expect(disclosure).toBeVisible();
    await expect(page.locator('.chapter-toc-side')).toBeHidden();
    await disclosure.locator('summary').click();
    await expect(disclosure.getByRole('link').first()).toBeVisible();
  });
});

test('on a phone, every equation that scrolls sideways is a labelled tab stop, also after moving to the next chapter', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const unreachable = async () => {
    await mathChecked(page);
    return page.evaluate(() => {
      const boxes = Array.from(document.querySelectorAll<HTMLElement>('.katex-display'));
      const scrolling = boxes.filter((el) => el.scrollWidth > el.clientWidth + 1);
      return {
        scrolling: scrolling.length,
        unreachable: scrolling.filter((el) => el.tabIndex !== 0 || !el.getAttribute('aria-label')).length,
        needless: boxes.filter((el) => el.scrollWidth <= el.clientWidth + 1 && el.hasAttribute('tabindex')).length,
      };
    });
  };
  await page.goto('chapters/linear/');
  const first = await unreachable();
  expect(first.scrolling).toBeGreaterThan(0);
  expect(first).toMatchObject({ unreachable: 0, needless: 0 });
  await page.locator('a[rel="next"]').click();
  await expect(page).toHaveURL(/chapters\/logistic\/$/);
  await expect(page.locator('.katex-display').first()).toBeVisible();
  const second = await unreachable();
  expect(second.scrolling).toBeGreaterThan(0);
  expect(second).toMatchObject({ unreachable: 0, needless: 0 });
});
