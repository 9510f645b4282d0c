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
