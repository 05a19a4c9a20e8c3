'use client';

import { Slider } from '@/components/ui/Slider';
import { MAX_LAYERS, MAX_UNITS } from './params';

interface LayerSlidersProps {
  widths: readonly number[];
  onChange: (widths: number[]) => void;
  /** Units of a layer added after the last one, when there is no last one to copy. */
  firstLayerUnits: number;
}

/**
 * The network's shape as two sliders: how many hidden layers, and how many
 * units each. A new layer copies the last one's width; moving the units
 * slider makes every layer that wide (a link can still carry layers of
 * different widths, which the label then says).
 */
export function LayerSliders({ widths, onChange, firstLayerUnits }: LayerSlidersProps) {
  const uniform = widths.every((u) => u === widths[0]);
  return (
    <>
      <Slider
        label="Hidden layers"
        value={widths.length}
        min={0}
        max={MAX_LAYERS}
        onChange={(n) => onChange(Array.from({ length: n }, (_, i) => widths[i] ?? widths[widths.length - 1] ?? firstLayerUnits))}
      />
      <Slider
        label={uniform ? 'Units per layer' : 'Units per layer (layers differ)'}
        value={widths.length ? Math.max(...widths) : 1}
        min={1}
        max={MAX_UNITS}
        disabled={widths.length === 0}
        onChange={(u) => onChange(widths.map(() => u))}
      />
    </>
  );
}
