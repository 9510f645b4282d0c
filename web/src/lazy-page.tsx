import { type ComponentType, use } from "react";

export type LazyPage<P> = ComponentType<P> & { preload(): Promise<unknown> };

/**
 * A page whose code is its own chunk: `preload` (called by the route's loader, so the code
 * arrives with the data) starts the import once; rendering before it arrived suspends.
 * Once loaded it renders without suspending, so a page loaded ahead never flashes.
 */
export function lazyPage<M, P extends object>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let promise: Promise<unknown> | undefined;
  const preload = () => {
    promise ??= load().then((module) => {
      loaded = pick(module);
    });
    return promise;
  };
  function Page(props: P) {
    if (!loaded) use(preload());
    const Loaded = loaded as ComponentType<P>;
    return <Loaded {...props} />;
  }
  return Object.assign(Page, { preload });
}
