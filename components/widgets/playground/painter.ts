/**
 * The playground's pictures on the page: keeps the latest frame from the
 * worker and repaints at most once per animation frame, each part only when
 * its inputs changed. React never re-renders for a frame.
 */
import { paintHeatmap, renderSvg, type Theme } from '@/components/plots';
import { formatValue } from '@/components/ui/format';
import { TrainingPainter } from '@/components/widgets/kit/painter';
import type { Snapshot } from '@/workers/api';
import { accuracyChart, classColors, decisionImage, lossChart, planeAxes, PLANE_BOX, pointsSvg, unitImage, type Chart, type PointSet } from './draw';
import { inputFields, networkLayout, paintNetwork, thumbnailStrip, unitAt, type NetworkLayout, type UnitPlace } from './network';
import { classCount, widthsOf, type PlaygroundParams } from './schema';
import { DOMAIN, HISTORY_STRIDE, type PlaygroundFrame } from './snapshot';

/**
 * Canvas backing pixels per logical pixel: the screen's density, at most 2.
 * A canvas is copied whole to the compositor after each change, so pixels
 * nobody sees cost every frame.
 */
function scale(): number {
  return Math.min(2, Math.max(1, Math.ceil(globalThis.devicePixelRatio || 1)));
}

type Part = 'plane' | 'points' | 'network' | 'charts';
/** Charts and readouts change a little with every frame: five repaints a second suffice. */
const CHART_INTERVAL_MS = 200;
const ALL: readonly Part[] = ['plane', 'points', 'network', 'charts'];

export type UnitRef = { column: number; unit: number };

type Targets = {
  planeCanvas: HTMLCanvasElement;
  planeSvg: SVGSVGElement;
  network: HTMLCanvasElement;
  loss: SVGSVGElement;
  accuracy: SVGSVGElement;
  readout: HTMLElement;
};

export class PlaygroundPainter extends TrainingPainter<Targets, PlaygroundParams, PlaygroundFrame> {
  data: PointSet | null = null;
  frame: PlaygroundFrame | null = null;
  /** The latest fields, kept across frames that carry none. */
  fields: PlaygroundFrame['fields'] = null;
  selected: UnitRef | null = null;
  focused: UnitRef | null = null;
  unitField: { n: number; values: Float32Array; step: number } | null = null;
  layout: NetworkLayout;
  /** A unit was chosen for enlarging (or null: back to the output). */
  onSelect: (unit: UnitRef | null) => void = () => undefined;
  /** The architecture changed: selection and focus are gone. */
  onClear: () => void = () => undefined;
  /** Parts whose inputs changed since they were last painted. */
  private dirty = new Set<Part>(ALL);
  private chartsAt = -Infinity;
  private chartTimer: ReturnType<typeof setTimeout> | undefined;
  private themeNow: Theme = 'light';

  constructor(params: PlaygroundParams) {
    super(params);
    this.layout = networkLayout(this.sizes());
  }

  sizes(): number[] {
    return [2, ...widthsOf(this.params), classCount(this.params)];
  }

  /** New parameters: a new architecture drops the pictures of the old one. */
  override setParams(params: PlaygroundParams): void {
    const before = this.sizes().join(',');
    this.params = params;
    if (this.sizes().join(',') !== before) {
      this.layout = networkLayout(this.sizes());
      this.fields = null;
      this.frame = null;
      this.selected = null;
      this.focused = null;
      this.unitField = null;
      this.onClear();
    }
    this.request(...ALL);
  }

  select(unit: UnitRef | null): void {
    this.selected = unit;
    this.unitField = null;
    this.onSelect(unit);
    this.request('plane', 'network');
  }

  setFocus(unit: UnitRef | null): void {
    this.focused = unit;
    this.request('network');
  }

  unitAt(px: number, py: number): UnitPlace | null {
    return unitAt(this.layout, px, py);
  }

  /** Fresh runs (a reset): nothing of the old run may stay on screen. */
  clearRun(): void {
    this.fields = null;
    this.frame = null;
    this.unitField = null;
    this.request(...ALL);
  }

  override frames(snapshots: readonly (Snapshot<PlaygroundFrame> | null)[]): void {
    this.snapshots = snapshots;
    const s = snapshots[0];
    if (!s) return;
    this.running = s.state === 'training';
    const frame = s.data;
    this.frame = frame;
    if (frame.fields) {
      this.fields = frame.fields;
      this.request('charts', 'plane', 'network');
    } else this.request('charts');
    this.onFrame();
  }

  /** Called after each frame is taken in (the view keeps the enlarged unit's field current). */
  onFrame: () => void = () => undefined;

  /** Repaints these parts (all when none is named) at the next animation frame. */
  override request(...parts: Part[]): void {
    for (const p of parts.length ? parts : ALL) this.dirty.add(p);
    super.request();
  }

  /** The theme flipped, or an element was handed over: everything is painted again. */
  protected override forget(): void {
    for (const p of ALL) this.dirty.add(p);
  }

  /** Paints what changed; `paint(true)` everything. */
  protected paint(all = false): void {
    this.themeNow = this.theme();
    const dirty = all ? new Set(ALL) : this.dirty;
    this.dirty = new Set();
    if (dirty.has('plane')) this.paintPlane();
    if (dirty.has('points')) this.paintPoints();
    if (dirty.has('network')) this.paintNetwork();
    if (dirty.has('charts')) {
      const now = performance.now();
      const wait = all || !this.running ? 0 : this.chartsAt + CHART_INTERVAL_MS - now;
      if (wait > 0) {
        // Held back: painted when the interval is over (unless a frame comes first).
        this.dirty.add('charts');
        clearTimeout(this.chartTimer);
        this.chartTimer = setTimeout(() => this.request(), wait);
      } else {
        this.chartsAt = now;
        this.paintCharts();
      }
    }
  }

  /** Whether frames are streaming in (training): charts then repaint at their own pace. */
  running = false;

  override dispose(): void {
    clearTimeout(this.chartTimer);
    super.dispose();
  }

  private paintPlane(): void {
    const canvas = this.targets.planeCanvas;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const k = scale();
    if (canvas.width !== PLANE_BOX.width * k) {
      canvas.width = PLANE_BOX.width * k;
      canvas.height = PLANE_BOX.height * k;
    }
    ctx.setTransform(k, 0, 0, k, 0, 0);
    const classes = classCount(this.params);
    if (this.selected && this.unitField) {
      const { n, values } = this.unitField;
      paintHeatmap(ctx, unitImage(values, n, this.themeNow), n, n, PLANE_BOX);
    } else if (this.fields && this.fields.probs.length === this.fields.n * this.fields.n * classes) {
      const { n, probs } = this.fields;
      paintHeatmap(ctx, decisionImage(probs, n, classes, this.params.discretize), n, n, PLANE_BOX);
    } else {
      ctx.clearRect(0, 0, PLANE_BOX.width, PLANE_BOX.height);
    }
  }

  private paintPoints(): void {
    const svg = this.targets.planeSvg;
    if (!svg) return;
    const key = `${this.data ? this.data.x.length + ':' + this.data.x[0] + ':' + this.data.nTrain + ':' + this.data.nValidation : ''}|${this.params.showTest}`;
    this.svgFor(svg, key, () => planeAxes() + (this.data ? pointsSvg(this.data, this.params.showTest) : ''));
  }

  private paintNetwork(): void {
    const canvas = this.targets.network;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { layout } = this;
    const k = scale();
    if (canvas.width !== layout.width * k || canvas.height !== layout.height * k) {
      canvas.width = layout.width * k;
      canvas.height = layout.height * k;
    }
    const hiddenUnits = layout.sizes.slice(1, -1).reduce((a, b) => a + b, 0);
    const f = this.fields;
    const fits = f !== null && f.units.length === hiddenUnits * f.t * f.t;
    const strip = fits ? { ...thumbnailStrip(inputFields(f.t, DOMAIN.x1), f.units, f.t, this.themeNow), t: f.t } : null;
    paintNetwork(
      ctx,
      {
        layout,
        theme: this.themeNow,
        weights: fits ? f.weights : null,
        strip,
        classColors: classColors(classCount(this.params)),
        selected: this.selected,
        focused: this.focused,
      },
      k,
    );
  }

  private paintCharts(): void {
    const { loss, accuracy, readout } = this.targets;
    const frame = this.frame;
    const history = frame?.history ?? new Float32Array(0);
    if (loss) paintChart(loss, lossChart(history));
    if (accuracy) paintChart(accuracy, accuracyChart(history, classCount(this.params)));
    if (readout) {
      const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
      const values: Record<string, string> = {
        'train-loss': formatValue(frame?.trainLoss),
        'validation-loss': formatValue(frame?.validationLoss),
        'test-loss': formatValue(frame?.testLoss),
        'train-accuracy': percent(frame?.trainAccuracy),
        'validation-accuracy': percent(frame?.validationAccuracy),
        'test-accuracy': percent(frame?.testAccuracy),
      };
      for (const [name, text] of Object.entries(values)) this.text(readout.querySelector(`[data-value="${name}"]`), text);
      const reading = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
      this.dataAttr(readout, 'testLoss', reading(frame?.testLoss));
      this.dataAttr(readout, 'testAccuracy', reading(frame?.testAccuracy));
      this.dataAttr(readout, 'trainLoss', reading(frame?.trainLoss));
      this.dataAttr(readout, 'validationLoss', reading(frame?.validationLoss));
      this.dataAttr(readout, 'validationAccuracy', reading(frame?.validationAccuracy));
      // The step these numbers were measured at (they trail the run by up to a few frames).
      this.dataAttr(readout, 'metricsStep', history.length ? String(history[history.length - HISTORY_STRIDE]) : '');
    }
  }
}

/**
 * While a chart's scales hold, only its lines' path data is replaced: the
 * browser then redraws three paths instead of rebuilding the chart's axes.
 */
function paintChart(svg: SVGSVGElement, chart: Chart): void {
  const paths = chart.lines.map((l) => (l.d ? svg.querySelector<SVGPathElement>(`path[data-series="${l.name}"]`) : null));
  if (svg.dataset.key === chart.key && chart.lines.every((l, k) => !l.d || paths[k])) {
    chart.lines.forEach((l, k) => paths[k]?.setAttribute('d', l.d));
    return;
  }
  svg.dataset.key = chart.key;
  renderSvg(svg, chart.markup);
}
