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
  /** Placeholder height in CSS pixels, so the page does not jump when it loads. */
  height: number;
}

export const WIDGETS: readonly WidgetInfo[] = [
  {
    name: 'descent-playground',
    component: 'DescentPlayground',
    title: 'Descent playground',
    chapter: 'learning',
    section: 'side-by-side',
    height: 760,
  },
  { name: 'activation-gallery', component: 'ActivationGallery', title: 'Activation gallery', chapter: 'mlp', section: 'activations', height: 1000 },
  { name: 'universal-bins', component: 'UniversalBins', title: 'Universal approximation with bins', chapter: 'mlp', section: 'universal-approximation', height: 780 },
  {
    name: 'fit-a-line',
    component: 'FitALine',
    title: 'Fit a line',
    chapter: 'linear',
    section: 'fit-by-descent',
    height: 640,
  },
  {
    name: 'loss-surface',
    component: 'LossSurface',
    title: 'Loss surface',
    chapter: 'linear',
    section: 'bowl-shape',
    height: 800,
  },
  { name: 'classifier-2d', component: 'Classifier2d', title: 'A linear classifier, trained live', chapter: 'logistic', section: 'classifier', height: 900 },
  { name: 'softmax-temperature', component: 'SoftmaxTemperature', title: 'Softmax at a temperature', chapter: 'logistic', section: 'temperature', height: 600 },
  {
    name: 'playground',
    component: 'Playground',
    title: 'Neural network playground',
    chapter: 'mlp',
    section: 'train-your-own',
    height: 1400,
  },
];

export function widgetByName(name: string): WidgetInfo | undefined {
  return WIDGETS.find((w) => w.name === name);
}
