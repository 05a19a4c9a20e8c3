/**
 * What conv-explorer shows between React renders: the image, the two
 * feature maps the worker computed, the pixels a selected output pixel
 * reads (moved by the pointer or the arrow keys, without a React render),
 * the drawing cursor, and the readouts that follow them.
 */
import { formatValue } from '@/components/ui/format';
import { Painter } from '@/components/widgets/kit/painter';
import { drawDiffers, drawField, drawImage, drawMap, drawRing, fieldSizesText, layer1Sentence, layer2Sentence, mapScale, shiftSentence, type FieldCell } from './draw';
import { IMAGE_SIZE, layer2Field, window, type ConvSettings } from './geometry';
import type { ConvAnswer } from './model';
import type { ConvExplorerParams } from './schema';

type Targets = {
  input: SVGSVGElement;
  inputImage: SVGGElement;
  inputField: SVGGElement;
  inputCursor: SVGGElement;
  map1: SVGSVGElement;
  map1Cells: SVGGElement;
  map1Marks: SVGGElement;
  map2: SVGSVGElement;
  map2Cells: SVGGElement;
  map2Marks: SVGGElement;
  map1Title: HTMLElement;
  map2Title: HTMLElement;
  scale1: HTMLElement;
  scale2: HTMLElement;
  selection: HTMLElement;
  shiftReadout: HTMLElement;
  fieldSizes: HTMLElement;
};

export interface Selection {
  layer: 1 | 2;
  i: number;
  j: number;
}

export const SELECTION_HINT = 'Point at a pixel of a map, or focus a map and use the arrow keys, to see the input pixels it reads.';

export class ConvPainter extends Painter<Targets, ConvExplorerParams> {
  /** The worker's latest answer. */
  answer: ConvAnswer | null = null;
  /** The image on the page now (a drawing shows at once; its maps follow when the worker answers). */
  image: Float32Array = new Float32Array(IMAGE_SIZE * IMAGE_SIZE);
  /** Bumped whenever `image` changes, so its markup is rebuilt only then. */
  imageVersion = 0;
  private answerVersion = 0;
  selected: Selection | null = null;
  /** The drawing cursor (row, column), while the drawing surface has the keyboard. */
  cursor: [number, number] | null = null;

  setAnswer(answer: ConvAnswer): void {
    this.answer = answer;
    this.answerVersion++;
    // A selection outside the new maps is dropped; one inside them stays.
    const s = this.selected;
    if (s && Math.max(s.i, s.j) >= this.sizeOf(s.layer)) this.selected = null;
    this.request();
  }

  setImage(image: Float32Array): void {
    this.image = image;
    this.imageVersion++;
    this.request();
  }

  select(selection: Selection | null): void {
    const s = this.selected;
    if (s === selection || (s && selection && s.layer === selection.layer && s.i === selection.i && s.j === selection.j)) return;
    this.selected = selection;
    this.request();
  }

  /** The side of a layer's map in the latest answer (0 before one). */
  sizeOf(layer: 1 | 2): number {
    return this.answer ? (layer === 1 ? this.answer.size : this.answer.layer2Size) : 0;
  }

  /** The settings the drawn maps were computed with (the parameters until the first answer). */
  private settings(): ConvSettings {
    const { stride, padding, dilation } = this.params;
    return this.answer?.settings ?? { stride, padding, dilation };
  }

  protected paint(): void {
    const t = this.targets;
    const a = this.answer;
    const shifted = this.params.shift;
    const settings = this.settings();
    const shown = shifted && a ? a.shiftedImage : this.image;
    const imageKey = shifted && a ? `a${this.answerVersion}` : `i${this.imageVersion}`;
    this.svgFor(t.inputImage, `${imageKey}|${settings.padding}`, () => drawImage(shown, settings.padding));
    this.dataAttr(t.input, 'shifted', String(shifted));

    if (a) {
      const maps = shifted ? a.shifted : a.original;
      const scale1 = mapScale(a.original.map, a.shifted.map);
      const scale2 = mapScale(a.original.layer2, a.shifted.layer2);
      this.svgFor(t.map1Cells, `${this.answerVersion}|${shifted}`, () => drawMap(maps.map, a.size, scale1) + (shifted ? drawDiffers(a.shift.differs, a.size) : ''));
      this.svgFor(t.map2Cells, `${this.answerVersion}|${shifted}`, () => drawMap(maps.layer2, a.layer2Size, scale2));
      this.dataAttr(t.map1, 'size', String(a.size));
      this.dataAttr(t.map2, 'size', String(a.layer2Size));
      this.text(t.map1Title, `Layer 1: ${a.size} × ${a.size}`);
      this.text(t.map2Title, `Layer 2: ${a.layer2Size} × ${a.layer2Size}`);
      this.text(t.scale1, `±${formatValue(scale1)}`);
      this.text(t.scale2, `±${formatValue(scale2)}`);
      this.text(t.shiftReadout, shifted ? shiftSentence(a.shift, a.settings.stride) : 'Shift the image to compare its map with the original map moved.');
      this.dataAttr(t.shiftReadout, 'maxDifference', shifted ? a.shift.maxDifference.toFixed(3) : null);
    }
    this.text(t.fieldSizes, fieldSizesText(settings));
    this.paintSelection(a, settings);
    this.svg(t.inputCursor, this.cursor ? drawRing(this.cursor[0], this.cursor[1], IMAGE_SIZE, 'cursor') : '');
  }

  private paintSelection(a: ConvAnswer | null, settings: ConvSettings): void {
    const t = this.targets;
    const s = a ? this.selected : null;
    let inputCells: FieldCell[] = [];
    let map1Marks = '';
    let map2Marks = '';
    let sentence = SELECTION_HINT;
    if (a && s) {
      const maps = this.params.shift ? a.shifted : a.original;
      if (s.layer === 1) {
        inputCells = window(s.i, s.j, settings).map(([row, col]) => ({ row, col }));
        map1Marks = drawRing(s.i, s.j, a.size, 'selected');
        sentence = layer1Sentence(s.i, s.j, maps.map[s.i * a.size + s.j], settings);
      } else {
        inputCells = layer2Field(s.i, s.j, settings, a.size);
        const read = window(s.i, s.j, settings).filter(([r, c]) => r >= 0 && c >= 0 && r < a.size && c < a.size);
        map1Marks = drawField(read.map(([row, col]) => ({ row, col })), a.size);
        map2Marks = drawRing(s.i, s.j, a.layer2Size, 'selected');
        const most = Math.max(0, ...inputCells.map((c) => c.paths ?? 1));
        sentence = layer2Sentence(s.i, s.j, maps.layer2[s.i * a.layer2Size + s.j], settings, most);
      }
    }
    this.svg(t.inputField, drawField(inputCells, IMAGE_SIZE));
    this.svg(t.map1Marks, map1Marks);
    this.svg(t.map2Marks, map2Marks);
    this.text(t.selection, sentence);
    this.dataAttr(t.map1, 'selected', s?.layer === 1 ? `${s.i},${s.j}` : null);
    this.dataAttr(t.map2, 'selected', s?.layer === 2 ? `${s.i},${s.j}` : null);
    this.dataAttr(t.input, 'fieldCells', String(inputCells.length));
  }
}
