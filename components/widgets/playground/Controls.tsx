'use client';

import { useId, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { Button } from '@/components/ui/Button';
import ui from '@/components/ui/controls.module.css';
import { Select } from '@/components/ui/Select';
import { ParamControl } from '@/components/widgets/kit/ParamControl';
import type { WidgetStore } from '@/components/widgets/kit/store';
import styles from './styles.module.css';
import { LayerSliders } from '@/components/widgets/shared/network/LayerSliders';
import { HAS_CLASSES, PRESETS, playgroundSchema, presetOf, widthsOf } from './schema';

type Schema = typeof playgroundSchema;

function Group({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <fieldset className={wide ? `${styles.group} ${styles.wide}` : styles.group}>
      <legend>{title}</legend>
      <div className={styles.groupBody}>{children}</div>
    </fieldset>
  );
}

/** A seed: typed, or rolled anew. */
function SeedControl({ store, name, label }: { store: WidgetStore<Schema>; name: 'seed' | 'dataSeed'; label: string }) {
  const id = useId();
  const value = useStore(store, (s) => s.params[name]);
  const setParams = useStore(store, (s) => s.setParams);
  const { min, max } = playgroundSchema.params[name];
  return (
    <div className={styles.seed}>
      <label htmlFor={id} className={ui.label}>
        {label}
      </label>
      <div className={styles.seedRow}>
        <input
          id={id}
          type="number"
          min={min}
          max={max}
          step={1}
          value={value}
          onChange={(e) => {
            const v = Math.round(Number(e.target.value));
            if (Number.isFinite(v) && v >= min && v <= max) setParams({ [name]: v });
          }}
        />
        <Button onClick={() => setParams({ [name]: Math.floor(Math.random() * (max + 1)) })}>
          New<span className="visually-hidden"> {label.toLowerCase()}</span>
        </Button>
      </div>
    </div>
  );
}

export function PlaygroundControls({ store, onExport }: { store: WidgetStore<Schema>; onExport(): void }) {
  const params = useStore(store, (s) => s.params);
  const setParams = useStore(store, (s) => s.setParams);
  const widths = widthsOf(params);
  const preset = presetOf(params);
  const presetOptions = [{ value: 'custom', label: 'your own settings' }, ...PRESETS.map((p) => ({ value: p.name, label: p.label }))];

  return (
    <>
      <Group title="Start from" wide>
        <Select
          label="Preset"
          value={preset?.name ?? 'custom'}
          options={presetOptions}
          onChange={(name) => {
            const p = PRESETS.find((q) => q.name === name);
            if (p) setParams(p.params);
          }}
        />
        <Button className={styles.export} onClick={onExport} data-action="export">
          Export weights (JSON)
        </Button>
      </Group>
      <Group title="Data">
        <ParamControl schema={playgroundSchema} store={store} name="dataset" />
        <ParamControl schema={playgroundSchema} store={store} name="classes" disabled={!HAS_CLASSES.has(params.dataset)} />
        <ParamControl schema={playgroundSchema} store={store} name="noise" />
        <ParamControl schema={playgroundSchema} store={store} name="trainPercent" />
        <SeedControl store={store} name="dataSeed" label="Data seed" />
        <ParamControl schema={playgroundSchema} store={store} name="showTest" />
        <ParamControl schema={playgroundSchema} store={store} name="discretize" />
      </Group>
      <Group title="Network">
        <LayerSliders widths={widths} firstLayerUnits={4} onChange={(w) => setParams({ widths: w })} />
        <ParamControl schema={playgroundSchema} store={store} name="activation" />
        <SeedControl store={store} name="seed" label="Seed" />
      </Group>
      <Group title="Training">
        <ParamControl schema={playgroundSchema} store={store} name="loss" />
        <ParamControl schema={playgroundSchema} store={store} name="optimizer" />
        <ParamControl schema={playgroundSchema} store={store} name="lr" />
        <ParamControl schema={playgroundSchema} store={store} name="momentum" disabled={params.optimizer !== 'momentum'} />
        <ParamControl schema={playgroundSchema} store={store} name="batch" />
        <ParamControl schema={playgroundSchema} store={store} name="l2" />
        <ParamControl schema={playgroundSchema} store={store} name="speed" />
      </Group>
    </>
  );
}
