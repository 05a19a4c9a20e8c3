/**
 * The points fit-a-line shares with the loss surface when both are on a
 * page (kit/shared-data.ts). Before fit-a-line has loaded (a reader who
 * opens the page at the loss surface), its points are read from the page's
 * link, so the surface shows the same data from the start.
 */
import { defineSchema } from '@/components/widgets/kit/schema';
import { sharedChannel } from '@/components/widgets/kit/shared-data';
import { decodeState, instanceStateIn } from '@/components/widgets/kit/url-codec';
import { POINTS_PARAM } from './params';
import type { Point } from './presets';

/** The widget that owns the points: it publishes them, and its link carries them. */
const OWNER = 'fit-a-line';

export const sharedPoints = sharedChannel<readonly Point[]>(`${OWNER}/points`);

/** Just the points of the owner's link (its other settings are not read here). */
const ownerPoints = defineSchema({ name: OWNER, version: 1, params: { points: POINTS_PARAM } });

/** The points of the page's fit-a-line figure, or null when the page has none. */
export function pointsOnPage(): readonly Point[] | null {
  const published = sharedPoints.get();
  if (published) return published;
  const slot = document.querySelector<HTMLElement>(`[data-widget-slot="${OWNER}"]`);
  if (!slot) return null;
  return decodeState(ownerPoints, instanceStateIn(window.location.search, slot.id)).state.points;
}
