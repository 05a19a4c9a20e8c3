/**
 * The base every widget's painter extends: what a widget shows between
 * React renders. It holds the latest parameters and whatever the worker
 * sent, repaints at most once per animation frame however many frames
 * arrive, and writes to the page only what changed, so a converged picture
 * costs no layout or paint. React renders the widget's elements once and
 * hands them over with `ref(name)`; it never re-renders for a frame.
 */
import { currentTheme, renderSvg, type Theme } from '@/components/plots';
import type { Snapshot } from '@/workers/api';

export abstract class Painter<Targets extends Record<string, Element>, Params> {
  params: Params;
  protected targets: Partial<Targets> = {};
  private pending = 0;
  private disposed = false;
  private refs = new Map<keyof Targets, (element: Element | null) => void>();
  /** What each element was last given, for change-only writes. */
  private written = new WeakMap<Element, string>();

  constructor(params: Params) {
    this.params = params;
  }

  /** Draws everything from the current state. Called at most once per animation frame. */
  protected abstract paint(): void;

  /** A callback ref for one of the painter's elements (the same function every render, so React calls it once). */
  ref<K extends keyof Targets>(name: K): (element: Targets[K] | null) => void {
    let attach = this.refs.get(name);
    if (!attach) {
      attach = (element) => {
        if (element) this.targets[name] = element as Targets[K];
        else delete this.targets[name];
        this.written = new WeakMap();
        if (element) this.request();
      };
      this.refs.set(name, attach);
    }
    return attach;
  }

  /** The element handed over under this name, while it is mounted. */
  element<K extends keyof Targets>(name: K): Targets[K] | undefined {
    return this.targets[name];
  }

  /** New parameters (the view passes every change). */
  setParams(params: Params): void {
    this.params = params;
    this.request();
  }

  /** Repaint at the next animation frame; any number of requests before it make one paint. */
  request(): void {
    if (this.pending || this.disposed || typeof requestAnimationFrame === 'undefined') return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      if (!this.disposed) this.paint();
    });
  }

  /** The page theme flipped: colours baked into markup or pixels must be drawn again. */
  themeChanged(): void {
    this.written = new WeakMap();
    this.forget();
    this.request();
  }

  /** Drop caches that depend on the theme or on elements (override to clear your own). */
  protected forget(): void {}

  protected theme(): Theme {
    return currentTheme();
  }

  /** Replaces an SVG element's content, unless it already shows exactly this markup. */
  protected svg(target: SVGElement | null | undefined, markup: string): void {
    if (!target || this.written.get(target) === markup) return;
    this.written.set(target, markup);
    renderSvg(target, markup);
  }

  /**
   * Like `svg`, for markup that is costly to build: it is built only when
   * `key` (what the markup depends on) differs from the last one written.
   */
  protected svgFor(target: SVGElement | null | undefined, key: string, markup: () => string): void {
    if (!target || this.written.get(target) === `key:${key}`) return;
    this.written.set(target, `key:${key}`);
    renderSvg(target, markup());
  }

  /** Sets an element's text, unless it already reads exactly this. */
  protected text(target: Element | null | undefined, text: string): void {
    if (target && target.textContent !== text) target.textContent = text;
  }

  /** Sets (or, for null, removes) a data attribute, unless it already holds this value. */
  protected dataAttr(target: HTMLElement | SVGElement | null | undefined, name: string, value: string | null): void {
    if (!target) return;
    if (value === null) {
      if (name in target.dataset) delete target.dataset[name];
    } else if (target.dataset[name] !== value) target.dataset[name] = value;
  }

  /** Painting starts when the view mounts (again, after a remount). */
  start(): void {
    this.disposed = false;
    this.request();
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.pending);
    this.pending = 0;
  }
}

/** A painter that also keeps what the runs report (index = run; null before a run reports). */
export abstract class TrainingPainter<Targets extends Record<string, Element>, Params, Frame> extends Painter<Targets, Params> {
  snapshots: readonly (Snapshot<Frame> | null)[] = [];

  frames(snapshots: readonly (Snapshot<Frame> | null)[]): void {
    this.snapshots = snapshots;
    this.request();
  }

  /** The first run's latest snapshot: the one the readout follows. */
  protected get primary(): Snapshot<Frame> | null {
    return this.snapshots[0] ?? null;
  }
}
