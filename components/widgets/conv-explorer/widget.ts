import { defineWidget } from '@/components/widgets/kit/define';
import { convExplorerSchema } from './schema';

export default defineWidget({
  name: 'conv-explorer',
  component: 'ConvExplorer',
  title: 'A kernel run over an image',
  description:
    'A Fashion-MNIST image (or your own drawing) and a 3×3 kernel with presets or your own weights; the engine runs the kernel over the image with the chosen stride, padding and dilation, giving a feature map, and runs it again over that map as a second layer. Pointing at an output pixel highlights the input pixels it reads; shifting the image one pixel shows the map shifting with it at stride 1, and not at stride 2.',
  chapter: 'cnn',
  section: 'convolution',
  height: 920,
  phoneHeight: 1450,
  embedHeight: 980,
  schema: convExplorerSchema,
  // Nothing trains: a run of this model computes the feature maps with the engine.
  models: ['conv-explorer'],
});
