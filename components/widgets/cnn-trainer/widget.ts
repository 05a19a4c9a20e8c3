import { defineWidget } from '@/components/widgets/kit/define';
import { cnnTrainerSchema, MAX_STEPS } from './schema';

export default defineWidget({
  name: 'cnn-trainer',
  component: 'CnnTrainer',
  title: 'A CNN and an MLP of the same size, trained live on Fashion-MNIST',
  description:
    'A small convolutional network and a one-hidden-layer perceptron with about 9,000 weights each, trained side by side in your browser on the same minibatches of 10,000 Fashion-MNIST images; their test accuracy and training loss over the steps, the CNN’s first-layer filters and the feature maps of a chosen image, a confusion matrix, the accuracy on shifted test images, and a canvas to draw a garment and see both models’ class probabilities.',
  chapter: 'cnn',
  section: 'classifier',
  height: 1435,
  phoneHeight: 2695,
  embedHeight: 1480,
  schema: cnnTrainerSchema,
  models: ['cnn-trainer'],
  run: {
    // The confusion matrix's model is a view choice: the frame carries both.
    config: (p) => ({ lr: p.lr, batch: Number(p.batch), permute: p.permute, augment: p.augment, shift: p.shift, probe: p.probe, maxSteps: MAX_STEPS }),
    seed: (p) => p.seed,
    live: ['lr', 'shift', 'probe'],
    data: { name: 'fashion-mnist', label: 'Fashion-MNIST', bytes: 5_251_904 },
  },
  bench: [
    {
      // Run it for a minute: `npm run bench:ui -- --seconds 58 cnn-trainer` (the download and a second of warm-up come first).
      name: 'cnn-trainer (CNN and MLP on Fashion-MNIST, batch 32, until step 5,000)',
      path: 'chapters/cnn/?cnn-trainer=v.1#cnn-trainer',
      readouts: {
        'CNN test accuracy': ['[data-metric="cnn-accuracy"]', 'data-value'],
        'MLP test accuracy': ['[data-metric="mlp-accuracy"]', 'data-value'],
        step: [':scope', 'data-step'],
      },
    },
  ],
  diverging: {
    cannot: 'Adam moves each weight by about η per step and η ≤ 0.03 on a softmax cross-entropy: at the highest rate the loss is noisy but stays finite and bounded',
    atMaxRate: 'v.1~lr.0.03',
  },
});
