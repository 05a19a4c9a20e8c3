/**
 * The book's chapters in reading order. A chapter is listed here once its
 * MDX file exists (`scripts/check-content.ts` fails otherwise); the file
 * name is `NN-<slug>.mdx`.
 */
export interface Chapter {
  number: number;
  slug: string;
  title: string;
  /** One line for the table of contents. */
  summary: string;
}

export const chapters: readonly Chapter[] = [
  {
    number: 1,
    slug: 'learning',
    title: 'Learning is minimizing',
    summary:
      'Data, model, loss and optimizer; why the gradient points uphill; gradient descent, momentum and Adam on real surfaces.',
  },
  {
    number: 2,
    slug: 'linear',
    title: 'Linear regression',
    summary:
      'A line through points: squared loss and its exact bowl, the closed form against gradient descent, ridge, and losses that ignore outliers.',
  },
  { number: 3, slug: 'logistic', title: 'Logistic regression and softmax', summary: 'From a score to a probability: the sigmoid, cross-entropy from maximum likelihood, softmax and its temperature, the logsumexp trick, and calibration.' },
  {
    number: 4,
    slug: 'mlp',
    title: 'Neural networks',
    summary:
      'Why no line separates XOR; hidden layers and the activations between them; universal approximation built from bins; minibatches and epochs; a playground that trains networks live.',
  },
  {
    number: 5,
    slug: 'autodiff',
    title: 'Automatic differentiation',
    summary:
      'How the engine gets every gradient exactly: the evaluation trace, finite differences and where they lose digits, forward and reverse mode, and what a backward pass costs in time and memory.',
  },
  {
    number: 6,
    slug: 'cnn',
    title: 'Convolutional networks',
    summary:
      'Layers that look locally and share their weights: the convolution formula, output sizes, receptive fields, pooling, equivariance, and a CNN trained live on Fashion-MNIST beside an MLP of the same size.',
  },
  {
    number: 7,
    slug: 'transformer',
    title: 'Attention and transformers',
    summary:
      'Attention as a soft lookup: a query scores every key, a softmax turns the scores into weights, and the output averages the values; why the scores are divided by √d, and why attention needs positions.',
  },
];

export function chapterFile(chapter: Chapter): string {
  return `${String(chapter.number).padStart(2, '0')}-${chapter.slug}.mdx`;
}

export function chapterBySlug(slug: string): Chapter | undefined {
  return chapters.find((c) => c.slug === slug);
}

/** The chapters before and after `slug`, for the links at a chapter's foot. */
export function neighbours(slug: string): { previous?: Chapter; next?: Chapter } {
  const i = chapters.findIndex((c) => c.slug === slug);
  return { previous: chapters[i - 1], next: i >= 0 ? chapters[i + 1] : undefined };
}

export function chapterPath(slug: string): string {
  return `/chapters/${slug}/`;
}
