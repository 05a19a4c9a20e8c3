'use client';

/**
 * Widget name → its code, loaded on the client only (widgets draw with the
 * DOM and train in workers; nothing of them is rendered on the server).
 * A new widget is one line here and one entry in names.ts.
 */
import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';

export interface WidgetProps {
  /** Instance id: the URL key and anchor. Defaults to the widget's name. */
  id?: string;
  embedded?: boolean;
}

const loading = () => <p className="widget-loading">Loading the interactive figure…</p>;

export const WIDGET_COMPONENTS: Record<string, ComponentType<WidgetProps>> = {
  'descent-playground': dynamic(() => import('./descent-playground/View'), { ssr: false, loading }),
  'activation-gallery': dynamic(() => import('./activation-gallery/View'), { ssr: false, loading }),
  'universal-bins': dynamic(() => import('./universal-bins/View'), { ssr: false, loading }),
  'fit-a-line': dynamic(() => import('./fit-a-line/View'), { ssr: false, loading }),
  'loss-surface': dynamic(() => import('./loss-surface/View'), { ssr: false, loading }),
  'classifier-2d': dynamic(() => import('./classifier-2d/View'), { ssr: false, loading }),
  'softmax-temperature': dynamic(() => import('./softmax-temperature/View'), { ssr: false, loading }),
  playground: dynamic(() => import('./playground/View'), { ssr: false, loading }),
};
