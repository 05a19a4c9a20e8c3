import { defineWidget } from '@/components/widgets/kit/define';
import { attentionLabSchema, MAX_STEPS } from './schema';

export default defineWidget({
  name: 'attention-lab',
  component: 'AttentionLab',
  title: 'A tiny transformer, trained live',
  description:
    'A small decoder-only transformer trained in your browser on English first names, on reversing a sequence of digits, or on text you paste; its training and held-out loss against the step with the bigram baseline as the line to beat, the attention weights of every layer and head for an input you type, updated as it learns, samples drawn with a temperature and top-k, and switches for the causal mask and the positional embeddings.',
  chapter: 'transformer',
  section: 'tiny-transformer',
  height: 965,
  phoneHeight: 2000,
  embedHeight: 1010,
  schema: attentionLabSchema,
  models: ['attention-lab'],
  run: {
    // The pasted text is page memory, not a parameter: the view hands it over.
    config: (p, text: string) => ({
      task: p.task,
      text: p.task === 'text' ? text : '',
      length: p.length,
      context: Number(p.context),
      layers: p.layers,
      heads: Number(p.heads),
      width: Number(p.width),
      causal: p.causal,
      positions: p.positions,
      lr: p.lr,
      temperature: p.temperature,
      topK: p.topK,
      probe: p.probe,
      batch: p.task === 'reverse' ? 32 : 16,
      maxSteps: MAX_STEPS,
    }),
    seed: (p) => p.seed,
    live: ['lr', 'temperature', 'topK', 'probe'],
  },
  bench: [
    {
      name: 'attention-lab (first names, 2 layers × 4 heads, d = 32)',
      path: 'chapters/transformer/?attention-lab=v.1#attention-lab',
      readouts: { 'held-out loss': ['[data-metric="held-out"]', 'data-value'], 'bigram loss': ['[data-metric="baseline"]', 'data-value'], step: [':scope', 'data-step'] },
    },
    {
      name: 'attention-lab (reverse 6 digits, 2 layers × 4 heads, d = 32)',
      path: 'chapters/transformer/?attention-lab=v.1~task.reverse~in.314152#attention-lab',
      readouts: { 'held-out token accuracy': ['[data-metric="held-out"]', 'data-value'], step: [':scope', 'data-step'] },
    },
  ],
  diverging: {
    cannot: 'Adam moves each weight by about η per step and η ≤ 0.03: at the highest rate the loss is noisy but stays finite and bounded',
    atMaxRate: 'v.1~lr.0.03',
  },
});
