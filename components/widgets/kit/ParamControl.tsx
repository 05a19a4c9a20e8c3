'use client';

import { useStore } from 'zustand';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { TextField } from '@/components/ui/TextField';
import { Toggle } from '@/components/ui/Toggle';
import type { StateOf, WidgetSchema } from './schema';
import type { WidgetStore } from './store';

/** The standard control for one scalar parameter, drawn from its schema entry. */
export function ParamControl<S extends WidgetSchema>({
  schema,
  store,
  name,
  disabled,
}: {
  schema: S;
  store: WidgetStore<S>;
  name: keyof S['params'] & string;
  disabled?: boolean;
}) {
  const value = useStore(store, (s) => (s.params as Record<string, unknown>)[name]);
  const setParams = useStore(store, (s) => s.setParams);
  const p = schema.params[name];
  const set = (v: unknown) => setParams({ [name]: v } as Partial<StateOf<S>>);
  switch (p.type) {
    case 'number':
      return <Slider label={p.label} help={p.help} value={value as number} min={p.min} max={p.max} step={p.step} disabled={disabled} onChange={set} />;
    case 'integer':
      return <Slider label={p.label} help={p.help} value={value as number} min={p.min} max={p.max} step={p.step ?? 1} disabled={disabled} onChange={set} />;
    case 'log-number':
      return <Slider label={p.label} help={p.help} value={value as number} min={p.min} max={p.max} log digits={p.digits} disabled={disabled} onChange={set} />;
    case 'enum':
      return <Select label={p.label} value={value as string} options={p.options} disabled={disabled} onChange={set} />;
    case 'boolean':
      return <Toggle label={p.label} checked={value as boolean} disabled={disabled} onChange={set} />;
    case 'text': {
      // Keep what the alphabet allows (upper case folded down), at most maxLength characters.
      const keep = (typed: string) => [...typed.toLowerCase()].filter((c) => p.alphabet.includes(c)).join('').slice(0, p.maxLength);
      return <TextField label={p.label} help={p.help} value={value as string} maxLength={p.maxLength} disabled={disabled} onChange={(typed) => set(keep(typed))} />;
    }
    default:
      throw new Error(`${schema.name}: parameter "${name}" (${p.type}) needs a widget-specific editor`);
  }
}
