// Workers: serves the built panel through the [assets] binding, with the page itself for every /admin route.
import type { MiddlewareHandler } from "hono";

export interface AssetsBinding {
  fetch(request: Request | string): Promise<Response>;
}

const isPanelRoute = (path: string) => path === "/" || path === "/admin" || path.startsWith("/admin/");
const isAssetFile = (path: string) => path.startsWith("/assets/") || /^\/[^/]+\.(svg|png|ico|webmanifest|txt)$/.test(path);

export function panelFromAssets(assets: AssetsBinding | undefined): MiddlewareHandler | undefined {
  if (!assets) return undefined;
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const path = c.req.path;
    if (!isPanelRoute(path) && !isAssetFile(path)) return next();
    // Client-side routes all answer with index.html, which the assets binding serves at "/".
    const target = isPanelRoute(path) && !/\.[a-z0-9]+$/i.test(path) ? new URL("/", c.req.url) : c.req.url;
    const response = await assets.fetch(new Request(target, { method: c.req.method, headers: c.req.raw.headers }));
    if (response.status === 404) return next();
    // A fresh Response, so the app's security headers can be added to it.
    return new Response(response.body, response);
  };
}
