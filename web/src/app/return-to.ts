// A shared link opened while signed out (/admin/users?q=…) is remembered, because signing in lands on "/".
const KEY = "gatehouse.returnTo";
/** Long enough to fetch a sign-in link from one's mail, short enough not to surprise a later visit. */
const TTL_MS = 30 * 60_000;

const here = () => window.location.pathname + window.location.search;

/** Only paths inside the panel come back, never another origin. */
const isPanelPath = (path: string) => path.startsWith("/admin/") && !path.startsWith("//");

export function rememberReturnTo(): void {
  const path = here();
  if (!isPanelPath(path) || path === "/admin/users") return;
  try {
    localStorage.setItem(KEY, JSON.stringify({ path, at: Date.now() }));
  } catch {
    // Storage can be off (private windows): the link just lands on the Users page.
  }
}

/** The remembered path, once, if it is fresh and not where we already are. */
export function takeReturnTo(): string | null {
  try {
    const raw = localStorage.getItem(KEY);
    localStorage.removeItem(KEY);
    const saved = raw ? (JSON.parse(raw) as { path?: unknown; at?: unknown }) : null;
    if (typeof saved?.path !== "string" || typeof saved.at !== "number" || Date.now() - saved.at > TTL_MS) return null;
    return isPanelPath(saved.path) && saved.path !== here() ? saved.path : null;
  } catch {
    return null;
  }
}
