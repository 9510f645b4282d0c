import type { AnyRouter } from "@tanstack/react-router";
import type { MouseEvent } from "react";

/**
 * Navigation for components: through the app's router when one is mounted (App), otherwise
 * (a page rendered on its own in a test) through the history API.
 */
let active: AnyRouter | null = null;

/** Makes `router` the one `navigate` uses; the returned function undoes it. */
export function registerRouter(router: AnyRouter): () => void {
  active = router;
  return () => {
    if (active === router) active = null;
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (active) {
    void active.navigate({ href: to, replace: options.replace ?? false });
    return;
  }
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
}

/**
 * An onClick handler for links to a path inside the app: a plain click navigates without
 * reloading; a click with a modifier key (new tab, new window) is left to the browser.
 */
export function linkHandler(to: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
}

/**
 * The address as the app knows it: the router's (which it updates at once and writes to the
 * browser a moment later) when one is mounted, else the browser's.
 */
export function currentLocation(): { pathname: string; search: string } {
  const location = active?.history.location ?? window.location;
  return { pathname: location.pathname, search: location.search };
}

const listeners = new Set<() => void>();
let historyPatched = false;

/** Without a router: the history API's own moves and back/forward tell the listeners. */
function patchHistory() {
  if (historyPatched) return;
  historyPatched = true;
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const { pushState, replaceState } = window.history;
  window.history.pushState = function (...args: Parameters<History["pushState"]>) {
    pushState.apply(this, args);
    notify();
  };
  window.history.replaceState = function (...args: Parameters<History["replaceState"]>) {
    replaceState.apply(this, args);
    notify();
  };
  window.addEventListener("popstate", notify);
}

/**
 * Calls `listener` whenever the address changes: through the app's router when one is
 * mounted, otherwise (a page on its own in a test) on the history API's moves and on back
 * and forward. Returns the function that stops listening.
 */
export function onLocationChange(listener: () => void): () => void {
  if (active) return active.history.subscribe(listener);
  patchHistory();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
