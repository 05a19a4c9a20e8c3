/**
 * What the attention lab shows between React renders: the charts, one
 * canvas per layer and head with the input's tokens along its edges, the
 * samples, and the readouts. Maps and samples arrive only every so often
 * (the frame carries null in between): the last ones stay on screen.
 */
import { esc, putPicture } from '@/components/plots';
import { TrainingPainter } from '@/components/widgets/kit/painter';
import type { Snapshot } from '@/workers/api';
import { attentionPicture, describeHead, drawAccuracyChart, drawLossChart, stepAxisEnd } from './draw';
import type { AttentionLabFrame, AttentionMaps, MirrorHead } from './model';
import type { AttentionLabParams } from './schema';

type Targets = { loss: SVGGElement; accuracy: SVGGElement; maps: HTMLElement; samples: HTMLElement; readout: HTMLElement };

const nats = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3));
const percent = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)}%`);

/** The grid of heads: a figure per head with its tokens along the top and the left, and a canvas for the weights. */
function mapsMarkup(maps: AttentionMaps): string {
  const labels = maps.labels.map((l) => `<span>${esc(l)}</span>`).join('');
  let html = '';
  for (let layer = 0; layer < maps.layers; layer++) {
    for (let head = 0; head < maps.heads; head++) {
      html +=
        `<figure data-layer="${layer}" data-head="${head}" style="--n:${maps.length}">` +
        `<figcaption>layer ${layer + 1}, head ${head + 1}</figcaption>` +
        `<div data-part="map"><div data-part="cols" aria-hidden="true">${labels}</div><div data-part="rows" aria-hidden="true">${labels}</div>` +
        `<canvas role="img" aria-label=""></canvas></div></figure>`;
    }
  }
  return html;
}

export class AttentionLabPainter extends TrainingPainter<Targets, AttentionLabParams, AttentionLabFrame> {
  private maps: AttentionMaps | null = null;
  private samples: string[] | null = null;
  private mirror: MirrorHead | null = null;
  private mapsDrawn: AttentionMaps | null = null;
  private layoutKey = '';

  protected forget(): void {
    this.mapsDrawn = null;
  }

  frames(snapshots: readonly (Snapshot<AttentionLabFrame> | null)[]): void {
    const data = snapshots[0]?.data;
    if (data?.maps) {
      this.maps = data.maps;
      this.mirror = data.mirror;
    }
    if (data?.samples) this.samples = data.samples;
    if (!snapshots[0]) this.maps = this.samples = this.mirror = null;
    super.frames(snapshots);
  }

  protected paint(): void {
    const data = this.primary?.data;
    if (!data) return;
    const t = this.targets;
    const axisEnd = stepAxisEnd(this.primary?.step ?? 0);
    const lines = data.bigramLoss !== null;
    this.svgFor(t.loss, `${data.trainLoss.length}|${data.heldOut.length}|${axisEnd}|${data.trainLoss.at(-1)}`, () => drawLossChart(data, axisEnd));
    if (!lines) this.svgFor(t.accuracy, `${data.heldOut.length}|${axisEnd}`, () => drawAccuracyChart(data, axisEnd));
    this.paintMaps();
    this.paintSamples(lines);
    this.readouts(data);
  }

  private paintMaps(): void {
    const container = this.targets.maps;
    const maps = this.maps;
    if (!container || !maps || maps === this.mapsDrawn) return;
    const key = `${maps.layers}|${maps.heads}|${maps.labels.join('\u0001')}`;
    if (key !== this.layoutKey) {
      container.innerHTML = mapsMarkup(maps);
      this.layoutKey = key;
    }
    const theme = this.theme();
    container.querySelectorAll<HTMLElement>('figure').forEach((figure) => {
      const layer = Number(figure.dataset.layer);
      const head = Number(figure.dataset.head);
      const canvas = figure.querySelector('canvas');
      putPicture(canvas, attentionPicture(maps, layer, head, theme));
      canvas?.setAttribute('aria-label', describeHead(maps, layer, head));
      const mirrored = this.mirror && this.mirror.layer === layer && this.mirror.head === head && this.mirror.weight >= 0.5;
      this.dataAttr(figure, 'mirror', mirrored ? this.mirror!.weight.toFixed(3) : null);
    });
    this.mapsDrawn = maps;
  }

  private paintSamples(lines: boolean): void {
    const list = this.targets.samples;
    if (!list || !this.samples) return;
    const items = this.samples.map((s) => `<li>${s === '' ? '<em>(empty)</em>' : esc(s)}</li>`).join('');
    if (list.dataset.items !== items) {
      list.dataset.items = items;
      list.innerHTML = items;
    }
    this.dataAttr(list, 'kind', lines ? 'samples' : 'answer');
  }

  private readouts(data: AttentionLabFrame): void {
    const readout = this.targets.readout;
    if (!readout) return;
    const cell = (name: string, text: string, value?: number | null) => {
      const target = readout.querySelector<HTMLElement>(`[data-metric="${name}"]`);
      this.text(target, text);
      if (value !== undefined) this.dataAttr(target, 'value', value !== null && Number.isFinite(value) ? String(value) : null);
    };
    const last = data.heldOut.at(-1);
    const lines = data.bigramLoss !== null;
    cell('held-out', lines ? nats(last) : percent(last), last);
    cell('baseline', lines ? nats(data.bigramLoss) : '—', data.bigramLoss);
    cell('parameters', data.parameters.toLocaleString('en'));
    cell('peeking', data.peeking ? (lines ? nats(data.peeking.at(-1)) : percent(data.peeking.at(-1))) : '—', data.peeking?.at(-1) ?? null);
    const m = this.mirror;
    cell('mirror', m ? `layer ${m.layer + 1}, head ${m.head + 1}: ${(100 * m.weight).toFixed(0)}% on the mirrored digit` : '—', m?.weight ?? null);
  }
}
