/**
 * The points fit-a-line shares with the loss surface when both are on a
 * page (kit/shared-data.ts). Before fit-a-line has loaded (a reader who
 * opens the page at the loss surface), its points are read from the page's
 * link, so the surface shows the same data from the start.
 */
import { sharedChannel } from '@/components/widgets/kit/shared-data';
import { decodeState, instanceStateIn } from '@/components/widgets/kit/url-codec';
import type { Point } from './presets';
import { fitALineSchema } from './schema';

export const sharedPoints = sharedChannel<readonly Point[]>('fit-a-line/points');

/** The points of the page's fit-a-line figure, or null when the page has none. */
export function pointsOnPage(): readonly Point[] | null {
  const published = sharedPoints.get();
  if (published) return published;
  const slot = document.querySelector<HTMLElement>(`[data-widget-slot="${fitALineSchema.name}"]`);
  if (!slot) return null;
  return decodeState(fitALineSchema, instanceStateIn(window.location.search, slot.id)).state.points;
}
