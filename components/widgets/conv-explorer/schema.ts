import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import { FASHION_CLASSES } from '@/components/widgets/shared/fashion/classes';
import { KERNELS, KERNEL_NAMES, type KernelName } from './geometry';

/** The twenty samples (two per class, in class order), then the reader's own drawing. */
export const IMAGE_OPTIONS = [
  ...FASHION_CLASSES.flatMap((name, label) => [0, 1].map((k) => ({ value: String(2 * label + k), label: `${name} ${k + 1}` }))),
  { value: 'draw', label: 'Your drawing' },
] as { value: `${number}` | 'draw'; label: string }[];

export const convExplorerSchema = defineSchema({
  name: 'conv-explorer',
  version: 1,
  params: {
    image: { type: 'enum', key: 'im', label: 'Image', options: IMAGE_OPTIONS, default: '18' },
    kernel: {
      type: 'enum',
      key: 'k',
      label: 'Kernel',
      options: [...KERNEL_NAMES.map((value) => ({ value, label: KERNELS[value].label })), { value: 'custom', label: 'Custom' }] as { value: KernelName | 'custom'; label: string }[],
      default: 'edge-x',
    },
    /** The 3×3 weights, row-major. In a link only when they differ from the chosen preset's (that is, for a custom kernel). */
    weights: { type: 'curve', key: 'w', label: 'Kernel weights', min: -9, max: 9, minCount: 9, maxCount: 9, decimals: 4, default: [...KERNELS['edge-x'].weights] },
    stride: { type: 'integer', key: 's', label: 'Stride s', min: 1, max: 3, default: 1 },
    padding: { type: 'integer', key: 'p', label: 'Padding p', min: 0, max: 3, default: 1 },
    dilation: { type: 'integer', key: 'd', label: 'Dilation d', min: 1, max: 3, default: 1 },
    shift: { type: 'boolean', key: 'sh', label: 'Image shifted one pixel right', default: false },
  },
  // A preset's weights follow it: `k.blur` alone is the blur kernel.
  linkedDefaults: (state) => (state.kernel === 'custom' ? {} : { weights: [...KERNELS[state.kernel].weights] }),
});

export type ConvExplorerParams = ParamsOf<typeof convExplorerSchema>;

/** The weights the kernel preset stands for, or the reader's own. */
export function kernelWeights(params: Pick<ConvExplorerParams, 'kernel' | 'weights'>): readonly number[] {
  return params.kernel === 'custom' ? params.weights : KERNELS[params.kernel].weights;
}
