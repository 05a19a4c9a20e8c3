/**
 * `window.__lookingGlass`: a few read-only probes for browser tests (and
 * anyone curious in the console). Here: how many times each widget view has
 * rendered, so a test can check that training frames do not re-render React.
 */
const renders = new Map<string, number>();

export function countRender(instanceId: string): void {
  renders.set(instanceId, (renders.get(instanceId) ?? 0) + 1);
  const g = globalThis as { __lookingGlass?: Record<string, unknown> };
  const hooks = (g.__lookingGlass ??= {});
  hooks.renders ??= (id: string) => renders.get(id) ?? 0;
}
