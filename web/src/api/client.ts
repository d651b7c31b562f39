// The one tRPC client: same-origin batches to /trpc, and a watch for a session that ended.
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "../../../src/trpc/router.ts";

let onSignedOut = (): void => {};
/** The session module registers here so any 401 (expired or revoked session) shows the sign-in page. */
export function watchSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: "/trpc",
      maxItems: 10, // the server refuses larger batches (CONTRACT §4)
      fetch: async (url, init) => {
        const response = await fetch(url, { ...(init as RequestInit), credentials: "same-origin" });
        if (response.status === 401) onSignedOut();
        return response;
      },
    }),
  ],
});
