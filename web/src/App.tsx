import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiClient, api } from "./api";
import { registerRouter } from "./links";
import { createQueryClient } from "./query";
import { createAppRouter } from "./router";

export interface AppProps {
  /** The API client; tests pass a fake. */
  client?: ApiClient;
  /** Tests pass one without retries. */
  queryClient?: ReturnType<typeof createQueryClient>;
}

/** The app: the query cache and the router over the declared routes (router.tsx). */
export function App({ client = api, queryClient: given }: AppProps) {
  const { i18n } = useTranslation();
  const [queryClient] = useState(() => given ?? createQueryClient());
  // Registered at once: the frame's first effects already navigate through it.
  const [router] = useState(() => {
    const created = createAppRouter({ queryClient, client, i18n });
    registerRouter(created);
    return created;
  });
  useEffect(() => {
    registerRouter(router);
    return registerRouter(router);
  }, [router]);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
