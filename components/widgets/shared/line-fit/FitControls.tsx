'use client';

import { useStore } from 'zustand';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import type { WidgetSchema } from '@/components/widgets/kit/schema';
import type { WidgetStore } from '@/components/widgets/kit/store';

/** The parameters both chapter-2 widgets have (LOSS_PARAMS, lrParam, speedParam in params.ts). */
const NAMES = ['loss', 'delta', 'ridge', 'lr', 'speed'] as const;

/** Loss, Huber δ (live only for the Huber loss), ridge λ, learning rate and pace. */
export function FitControls<S extends WidgetSchema>({ schema, store }: { schema: S; store: WidgetStore<S> }) {
  const loss = useStore(store, (s) => (s.params as Record<string, unknown>).loss);
  return (
    <>
      {NAMES.map((name) => (
        <ParamControl key={name} schema={schema} store={store} name={name as keyof S['params'] & string} disabled={name === 'delta' && loss !== 'huber'} />
      ))}
    </>
  );
}
