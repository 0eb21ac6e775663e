import { useSyncExternalStore, type MouseEvent } from 'react';

/** Where the gateway serves the portal (PORTAL_BASE_PATH in libs/contracts); Vite's `base`. */
export const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

// A dozen pages need no router library: the path is the state, history the store.
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

/** `to` is a path inside the portal, e.g. `/thu-tuc/1.001193`. */
export function navigate(to: string, { replace = false } = {}): void {
  const url = `${BASE}${to}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.scrollTo(0, 0);
  notify();
}

/** The path inside the portal, without its base. */
export function usePath(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => window.location.pathname.slice(BASE.length) || '/',
  );
}

export const href = (to: string) => `${BASE}${to}`;

/** A link that stays in the page (no reload), and still opens a new tab with a modifier key. */
export function followLink(to: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
}
