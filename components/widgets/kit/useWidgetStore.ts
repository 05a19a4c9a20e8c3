'use client';

import { useEffect, useState } from 'react';
import { decodeState, encodeState, instanceStateIn, openingState, withInstanceState } from './url-codec';
import type { StateOf, WidgetSchema } from './schema';
import { createWidgetStore, type WidgetStore } from './store';

export interface WidgetInstance<S extends WidgetSchema> {
  schema: S;
  /** The widget's anchor and its key in the page URL. */
  instanceId: string;
  store: WidgetStore<S>;
  /** The link asked for the widget to play at once. */
  autoplay: boolean;
  /** The page was opened at this widget's anchor. */
  targeted: boolean;
}

/** The link to this widget in its current state (the page's other widgets keep theirs). */
export function stateLink<S extends WidgetSchema>(schema: S, instanceId: string, params: StateOf<S>): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${withInstanceState(search, instanceId, encodeState(schema, params))}#${instanceId}`;
}

/**
 * Creates the instance's store from the page URL (decoded against the
 * schema, with notices for whatever did not fit), or from the chapter's
 * preset when the URL has no state for this instance, and writes parameter
 * changes back into the URL, so a reload or a copied address keeps them.
 * Widgets render on the client only, so `window` is there.
 */
export function useWidgetStore<S extends WidgetSchema>(schema: S, instanceId: string, trains: boolean, preset?: string): WidgetInstance<S> {
  const [instance] = useState<WidgetInstance<S>>(() => {
    const { search, hash } = window.location;
    const decoded = openingState(schema, search, instanceId, preset);
    const targeted = hash === `#${instanceId}`;
    const globalPlay = new URLSearchParams(search).get('play') === '1' && targeted;
    return {
      schema,
      instanceId,
      store: createWidgetStore<S>({ params: decoded.state, notices: decoded.notices }, trains),
      autoplay: trains && (decoded.play || globalPlay),
      targeted,
    };
  });

  useEffect(() => {
    // The state the page opened with (the schema's defaults, or the chapter's preset):
    // until the reader changes something, the URL needs no state for this instance.
    const initial = JSON.stringify(decodeState(schema, preset).state);
    let timer: number | undefined;
    const unsubscribe = instance.store.subscribe((state, previous) => {
      if (state.params === previous.params) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const { pathname, search, hash } = window.location;
        const same = JSON.stringify(state.params) === initial;
        const hadState = instanceStateIn(search, instanceId) !== null;
        if (same && !hadState) return;
        const next = withInstanceState(search, instanceId, encodeState(schema, state.params));
        window.history.replaceState(window.history.state, '', `${pathname}${next}${hash}`);
      }, 250);
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, [instance, schema, instanceId, preset]);

  return instance;
}
