// Who is signed in (me.get) and how this instance signs people in (GET /auth/config).
import { createResource, createRoot, createSignal } from "solid-js";
import { trpc, watchSignedOut } from "../api/client.ts";
import { toFailure } from "../api/errors.ts";
import type { Me } from "../api/types.ts";

export interface AuthConfig {
  authMode: "email-link" | "sso";
  instanceName: string;
}

const FALLBACK_CONFIG: AuthConfig = { authMode: "email-link", instanceName: "Gatehouse" };

/** null means signed out; any other failure propagates to the error boundary. */
async function loadMe(): Promise<Me | null> {
  try {
    return await trpc.me.get.query();
  } catch (error) {
    if (toFailure(error).code === "UNAUTHORIZED") return null;
    throw error;
  }
}

async function loadAuthConfig(): Promise<AuthConfig> {
  try {
    const response = await fetch("/auth/config", { headers: { accept: "application/json" } });
    if (!response.ok) return FALLBACK_CONFIG;
    return { ...FALLBACK_CONFIG, ...((await response.json()) as Partial<AuthConfig>) };
  } catch {
    return FALLBACK_CONFIG;
  }
}

// Module-level resources live for the page's lifetime, so they get their own root.
export const session = createRoot(() => {
  const [me, { mutate: setMe, refetch: reloadMe }] = createResource(loadMe);
  const [authConfig] = createResource(loadAuthConfig);
  // A session that ends while the page is open (revoked, expired) is explained on the sign-in page.
  const [ended, setEnded] = createSignal(false);
  watchSignedOut(() => {
    if (me.latest) setEnded(true);
    setMe(null);
  });
  return { me, reloadMe, authConfig, ended };
});

export async function signOut(): Promise<void> {
  await fetch("/auth/logout", { method: "POST", credentials: "same-origin", headers: { accept: "application/json" } }).catch(() => undefined);
  window.location.assign("/");
}
