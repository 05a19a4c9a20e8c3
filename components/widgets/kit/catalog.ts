/**
 * The widgets of components/widgets/index.ts as a list, and lookups by the
 * names pages use. No React and no engine here (a definition's view is a
 * loader, its models are named by kind), so scripts, the server and the
 * page all read it.
 */
import * as listed from '../index';
import type { AnyWidget, BenchScenario } from './define';

export const WIDGETS: readonly AnyWidget[] = Object.values(listed);

export function widgetByName(name: string): AnyWidget | undefined {
  return WIDGETS.find((w) => w.name === name);
}

export function widgetByComponent(component: string): AnyWidget | undefined {
  return WIDGETS.find((w) => w.component === component);
}

/** Every widget's `npm run bench:ui` scenarios, with the widget each presses play on. */
export function benchScenarios(): (BenchScenario & { widget: string })[] {
  return WIDGETS.flatMap((w) => (w.bench ?? []).map((b) => ({ ...b, widget: w.name })));
}
