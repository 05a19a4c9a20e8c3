// The page's side of offline reading (the worker itself is public/sw.js):
// register it after load, in production builds only; tell it which files the
// first page loaded before it was in control; and report when a new version
// of the book is waiting, so the page can offer to reload.

/** `?sw=off` in the address, or `window.__LOOKING_GLASS_NO_SW__ = true` before load, turns it off (tests, debugging). */
export const SW_OFF_PARAM = 'sw';
export const SW_OFF_GLOBAL = '__LOOKING_GLASS_NO_SW__';

export function swDisabled(search: string, global: Record<string, unknown>): boolean {
  return new URLSearchParams(search).get(SW_OFF_PARAM) === 'off' || global[SW_OFF_GLOBAL] === true;
}

/** The worker's URL and scope: the root of the book, below its base path. */
export function swLocation(basePath: string): { url: string; scope: string } {
  const base = basePath.replace(/\/+$/, '');
  return { url: `${base}/sw.js`, scope: `${base}/` };
}

export interface ServiceWorkerHooks {
  /** A new version is installed and waiting for this page to let it take over. */
  onUpdate(): void;
}

let started = false;
let reloading = false;

/** Registers the worker once per page load (React may run effects twice), after the page has loaded. */
export function startServiceWorker(basePath: string, hooks: ServiceWorkerHooks): void {
  if (started || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  started = true;
  const sw = navigator.serviceWorker;
  if (swDisabled(location.search, window as unknown as Record<string, unknown>)) {
    // Off for this page: also stop an earlier registration from serving it next time.
    void sw.getRegistrations().then((all) => all.forEach((r) => void r.unregister()));
    return;
  }
  const { url, scope } = swLocation(basePath);
  const hadController = Boolean(sw.controller);
  // A new version took over (this tab asked for it, or another tab did).
  sw.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
    else if (hadController) hooks.onUpdate();
  });
  const register = async () => {
    let registration: ServiceWorkerRegistration | undefined;
    try {
      registration = await sw.register(url, { scope });
    } catch {
      return; // no service worker (insecure context, private window, storage off): the book works online as before
    }
    // Blocked (Playwright's serviceWorkers: 'block' resolves register() with nothing).
    if (!registration) return;
    const watch = (worker: ServiceWorker | null) => {
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && sw.controller) hooks.onUpdate();
      });
    };
    if (registration.waiting && sw.controller) hooks.onUpdate();
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // Files this page loaded before the worker was in control (the first visit).
    const ready = await sw.ready;
    const urls = [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)];
    ready.active?.postMessage({ type: 'cache-urls', urls });
  };
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

/** Lets the waiting version take over; the page reloads when it has. */
export async function reloadIntoNewVersion(basePath: string): Promise<void> {
  reloading = true;
  const registration = await navigator.serviceWorker?.getRegistration(swLocation(basePath).scope);
  if (registration?.waiting) registration.waiting.postMessage({ type: 'skip-waiting' });
  else location.reload(); // already active (another tab let it in)
}
