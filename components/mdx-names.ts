import { WIDGETS } from './widgets/kit/catalog';

/**
 * Every component name an MDX chapter may use. `mdx-components.tsx` must
 * define exactly these (its type checks it), and `scripts/check-content.ts`
 * fails on a chapter that names anything else.
 */
export const PROSE_COMPONENT_NAMES = ['Aside', 'TryThis', 'Recap', 'Predict'] as const;

export const MDX_COMPONENT_NAMES: readonly string[] = [...PROSE_COMPONENT_NAMES, ...WIDGETS.map((w) => w.component)];

export type ProseComponentName = (typeof PROSE_COMPONENT_NAMES)[number];
