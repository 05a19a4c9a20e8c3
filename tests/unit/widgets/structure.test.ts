/**
 * The widget kit's structure: a widget is its folder plus one line in
 * components/widgets/index.ts, every list of widgets is derived from that
 * line, no widget reaches into another's folder, the page's code carries no
 * engine and the worker's carries no React.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchScenarios, WIDGETS, widgetByComponent, widgetByName } from '@/components/widgets/kit/catalog';
import { decodeState } from '@/components/widgets/kit/url-codec';
import { MDX_COMPONENT_NAMES } from '@/components/mdx-names';
import { chapters, chapterFile } from '@/content/chapters';
import { outlineOf } from '@/content/outline';
import { MODELS } from '@/workers/models.generated';
// @ts-expect-error: plain ESM script; the generator is tested as the build runs it.
import { generate, modelFiles } from '../../../scripts/derive-models.mjs';
import { importsOf, packagesReachable, reachable, rel, ROOT } from '../helpers/imports';

const widgetsDir = path.join(ROOT, 'components/widgets');
/** Folders of components/widgets that are not widgets: the kit, and pieces several widgets share. */
const NOT_WIDGETS = new Set(['kit', 'shared']);
const folders = readdirSync(widgetsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !NOT_WIDGETS.has(e.name))
  .map((e) => e.name);

/** Every .ts/.tsx file below a folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('a widget is its folder plus one line in index.ts', () => {
  it('every widget folder has a widget.ts, is listed, and is listed under its folder name', () => {
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) {
      expect(existsSync(path.join(widgetsDir, folder, 'widget.ts')), `${folder}/widget.ts`).toBe(true);
      expect(widgetByName(folder)?.name, `${folder} in components/widgets/index.ts`).toBe(folder);
    }
    expect(WIDGETS.map((w) => w.name).sort()).toEqual([...folders].sort());
  });

  it('names and MDX component names are unique, and every component is one a chapter may use', () => {
    expect(new Set(WIDGETS.map((w) => w.name)).size).toBe(WIDGETS.length);
    expect(new Set(WIDGETS.map((w) => w.component)).size).toBe(WIDGETS.length);
    for (const w of WIDGETS) {
      expect(w.component).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(MDX_COMPONENT_NAMES).toContain(w.component);
      expect(widgetByComponent(w.component)).toBe(w);
      expect(w.schema.name).toBe(w.name);
    }
  });

  it("each widget's chapter and section exist (the embed page links back there)", () => {
    for (const w of WIDGETS) {
      const chapter = chapters.find((c) => c.slug === w.chapter);
      expect(chapter, `${w.name}: chapter "${w.chapter}"`).toBeDefined();
      const source = readFileSync(path.join(ROOT, 'content', chapterFile(chapter!)), 'utf8');
      expect(outlineOf(source).headings.map((h) => h.id), `${w.name}: section "${w.section}"`).toContain(w.section);
      expect(w.height).toBeGreaterThan(0);
      expect(w.phoneHeight).toBeGreaterThan(0);
      expect(w.embedHeight).toBeGreaterThan(0);
    }
  });

  it("each widget's view loads and is a component, and the lazy views are exactly the listed widgets", async () => {
    const { VIEWS } = await import('@/components/widgets/views.generated');
    expect(Object.keys(VIEWS).sort()).toEqual(WIDGETS.map((w) => w.name).sort());
    for (const w of WIDGETS) {
      const view = await VIEWS[w.name]();
      expect(typeof view.default, w.name).toBe('function');
    }
  });

  it('no widget.ts loads its view: the server reads widget.ts, and what it import()s ships in every first load', () => {
    for (const w of WIDGETS) {
      const source = readFileSync(path.join(ROOT, 'components/widgets', w.name, 'widget.ts'), 'utf8');
      expect(source, w.name).not.toMatch(/import\(/);
    }
  });

  it('the embed pages are the listed widgets', async () => {
    const { generateStaticParams } = await import('@/app/embed/[widget]/page');
    expect(generateStaticParams().map((p) => p.widget).sort()).toEqual(WIDGETS.map((w) => w.name).sort());
  });

  it('every widget that trains has bench:ui scenarios, and every scenario names a listed widget', () => {
    const scenarios = benchScenarios();
    for (const w of WIDGETS.filter((w) => w.run)) {
      expect(scenarios.filter((s) => s.widget === w.name).length, `${w.name} bench scenarios`).toBeGreaterThan(0);
    }
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
    for (const s of scenarios) expect(widgetByName(s.widget)).toBeDefined();
  });

  it('every widget that trains says how it diverges (tests/e2e/recovery.spec.ts plays it), in links that decode cleanly', () => {
    for (const w of WIDGETS) {
      if (!w.run) {
        expect(w.diverging, `${w.name} trains nothing`).toBeUndefined();
        continue;
      }
      expect(w.diverging, `${w.name}: give its widget.ts a \`diverging\` link state (see kit/define.ts)`).toBeDefined();
      const link = typeof w.diverging === 'string' ? w.diverging : w.diverging!.atMaxRate;
      expect(decodeState(w.schema, link).notices, `${w.name} diverging link`).toEqual([]);
      if (typeof w.diverging !== 'string') expect(w.diverging!.cannot.length, `${w.name}: why it cannot diverge`).toBeGreaterThan(20);
    }
  });
});

describe("the worker's models are derived from the folders", () => {
  it('workers/models.generated.ts is what scripts/derive-models.mjs writes now', () => {
    expect(readFileSync(path.join(ROOT, 'workers/models.generated.ts'), 'utf8')).toBe(generate());
  });

  it('every model file gives one model, under a kind no other uses', () => {
    expect(Object.keys(MODELS).length).toBe(modelFiles().length);
  });

  it('every kind a widget opens is in the map, and every model in the map is opened by some widget', () => {
    const declared = new Set(WIDGETS.flatMap((w) => w.models));
    for (const kind of declared) expect(Object.keys(MODELS), `model "${kind}"`).toContain(kind);
    for (const kind of Object.keys(MODELS)) expect(declared.has(kind), `model "${kind}" opened by a widget`).toBe(true);
    for (const w of WIDGETS.filter((w) => w.run)) expect(w.models.length, `${w.name} trains its first model`).toBeGreaterThan(0);
  });
});

describe('boundaries', () => {
  it("no file in a widget's folder imports from another widget's folder", () => {
    const crossings: string[] = [];
    for (const folder of folders) {
      for (const file of filesUnder(path.join(widgetsDir, folder))) {
        const { static: direct, dynamic } = importsOf(file);
        for (const target of [...direct, ...dynamic]) {
          const [top, other] = path.relative(widgetsDir, target).split(path.sep);
          if (top !== '..' && other !== undefined && top !== folder && !NOT_WIDGETS.has(top)) crossings.push(`${rel(file)} -> ${rel(target)}`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });

  it("the kit and the shared pieces import no widget's folder (only index.ts lists them)", () => {
    const crossings: string[] = [];
    for (const dir of NOT_WIDGETS) {
      for (const file of filesUnder(path.join(widgetsDir, dir))) {
        for (const target of importsOf(file).static) {
          const [top, other] = path.relative(widgetsDir, target).split(path.sep);
          if (top !== '..' && other !== undefined && !NOT_WIDGETS.has(top)) crossings.push(`${rel(file)} -> ${rel(target)}`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });

  it("the page's code loads no engine: the widget list, the lazy slot and every view", () => {
    const pageSide = new Set(['workers/client.ts', 'workers/api.ts']);
    const entries = ['components/widgets/kit/catalog.ts', 'components/widgets/LazyWidget.tsx', 'mdx-components.tsx', ...WIDGETS.map((w) => `components/widgets/${w.name}/View.tsx`)];
    const leaks: string[] = [];
    for (const entry of entries) {
      for (const [file, chain] of reachable(path.join(ROOT, entry))) {
        const r = rel(file);
        if (r.startsWith('engine/') || (r.startsWith('workers/') && !pageSide.has(r))) leaks.push(chain.map(rel).join(' -> '));
      }
    }
    expect(leaks).toEqual([]);
  });

  it("the worker's code loads no React, no view and no stylesheet, not even lazily", () => {
    const entry = path.join(ROOT, 'workers/trainer.worker.ts');
    const files = [...reachable(entry, { dynamic: true }).keys()].map(rel);
    expect(files.filter((f) => /\.(tsx|css)$/.test(f))).toEqual([]);
    const packages = [...packagesReachable(entry, { dynamic: true }).keys()];
    expect(packages.filter((p) => /^(react|react-dom|next|zustand)(\/|$)/.test(p))).toEqual([]);
    // It does load every model: the walk follows the generated map.
    for (const model of modelFiles() as string[]) expect(files).toContain(model);
  });
});
