// Node-only: serves the built panel from web/dist, with the page itself for every /admin route.
import { serveStatic } from "@hono/node-server/serve-static";
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";

export const PANEL_DIR = fileURLToPath(new URL("../../web/dist", import.meta.url));

export function panelFromDisk(): MiddlewareHandler | undefined {
  if (!existsSync(PANEL_DIR)) return undefined;
  // serveStatic resolves its root against the working directory.
  const root = relative(process.cwd(), PANEL_DIR) || ".";
  const files = serveStatic({ root });
  const page = serveStatic({ root, path: "index.html" });
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const path = c.req.path;
    if (path === "/" || path === "/admin" || path.startsWith("/admin/")) {
      return /\.[a-z0-9]+$/i.test(path) ? every(files)(c, next) : page(c, next);
    }
    if (path.startsWith("/assets/") || /^\/[^/]+\.(svg|png|ico|webmanifest)$/.test(path)) return files(c, next);
    return next();
  };
}
