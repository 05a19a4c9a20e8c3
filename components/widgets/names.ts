/**
 * The book's widgets as data (no React here, so scripts can read it): the
 * name used in URLs and embeds, the MDX component name, where the widget
 * lives in the book, and the height its placeholder reserves.
 */
export interface WidgetInfo {
  name: string;
  component: string;
  title: string;
  chapter: string;
  /** The section id the embed page links back to. */
  section: string;
  /** Placeholder heights in CSS pixels, so the page does not jump when the
   * widget loads: its rendered height in the chapter column at desktop
   * width (1280 px) and on a phone (375 px), measured. */
  height: number;
  phoneHeight: number;
}

export const WIDGETS: readonly WidgetInfo[] = [
  {
    name: 'descent-playground',
    component: 'DescentPlayground',
    title: 'Descent playground',
    chapter: 'learning',
    section: 'side-by-side',
    height: 670, phoneHeight: 1200,
  },
  { name: 'activation-gallery', component: 'ActivationGallery', title: 'Activation gallery', chapter: 'mlp', section: 'activations', height: 1020, phoneHeight: 1230 },
  { name: 'universal-bins', component: 'UniversalBins', title: 'Universal approximation with bins', chapter: 'mlp', section: 'universal-approximation', height: 810, phoneHeight: 1540 },
  {
    name: 'fit-a-line',
    component: 'FitALine',
    title: 'Fit a line',
    chapter: 'linear',
    section: 'fit-by-descent',
    height: 600, phoneHeight: 1250,
  },
  {
    name: 'loss-surface',
    component: 'LossSurface',
    title: 'Loss surface',
    chapter: 'linear',
    section: 'bowl-shape',
    height: 790, phoneHeight: 1490,
  },
  { name: 'classifier-2d', component: 'Classifier2d', title: 'A linear classifier, trained live', chapter: 'logistic', section: 'classifier', height: 890, phoneHeight: 1745 },
  { name: 'softmax-temperature', component: 'SoftmaxTemperature', title: 'Softmax at a temperature', chapter: 'logistic', section: 'temperature', height: 550, phoneHeight: 800 },
  {
    name: 'playground',
    component: 'Playground',
    title: 'Neural network playground',
    chapter: 'mlp',
    section: 'train-your-own',
    height: 1375, phoneHeight: 2730,
  },
];

export function widgetByName(name: string): WidgetInfo | undefined {
  return WIDGETS.find((w) => w.name === name);
}
