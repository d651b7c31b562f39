// Composes the whole Hono app once from injected dependencies; Node and Workers entries both call this.
import { trpcServer } from "@hono/trpc-server";
import { sql } from "drizzle-orm";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { createSessions } from "../auth/sessions.ts";
import type { Deps } from "../core/deps.ts";
import { DomainError } from "../core/errors.ts";
import { canListUsers } from "../core/policy.ts";
import { MAX_BATCH_SIZE } from "../trpc/init.ts";
import { appRouter } from "../trpc/router.ts";
import type { AppDeps, AppEnv } from "./env.ts";
import { errorBody, HTTP_STATUS } from "./error-status.ts";
import { authenticate } from "./middleware/authenticate.ts";
import { sameOriginForCookies } from "./middleware/same-origin.ts";
import { authRoutes } from "./routes/auth.ts";
import { chatRoutes } from "./routes/chat.ts";
import { invitationRoutes } from "./routes/invitations.ts";

/** Room for a batch of ten invitations with the longest texts; anything larger is refused unread. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface AppOptions {
  /** Serves the built panel (Node: files from web/dist; Workers: the assets binding). */
  panel?: MiddlewareHandler;
  /** Extra routes mounted by the host, e.g. chat endpoints behind the message cap. */
  extend?: (app: Hono<AppEnv>) => void;
  /** Largest request body accepted on any route (default 256 KB); larger ones get 413 before being read. */
  maxBodyBytes?: number;
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const appDeps: AppDeps = {
    ...deps,
    sessions: createSessions(deps.db, { secureCookies: deps.config.publicUrl.startsWith("https:") }),
  };
  const app = new Hono<AppEnv>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'", ...(deps.config.sso ? [new URL(deps.config.sso.issuer).origin] : [])],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: "no-referrer",
      // HSTS means nothing over plain http, and would pin a local hostname to https.
      strictTransportSecurity: deps.config.publicUrl.startsWith("https:") ? "max-age=15552000; includeSubDomains" : false,
    }),
  );
  app.use(
    bodyLimit({
      maxSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody("PAYLOAD_TOO_LARGE", "The request body is too large."), 413),
    }),
  );
  app.use(async (c, next) => {
    c.set("deps", appDeps);
    await next();
  });
  // Built assets are public and immutable: serve them before any session lookup.
  if (options.panel) app.use("/assets/*", options.panel);
  app.use(sameOriginForCookies);
  app.use(authenticate);

  app.get("/healthz", async (c) => {
    try {
      await deps.db.get(sql`SELECT 1`);
      return c.json({ ok: true });
    } catch {
      return c.json({ ok: false }, 503);
    }
  });

  app.route("/auth", authRoutes);
  app.route("/invite", invitationRoutes);
  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: (_opts, c) => ({ deps: appDeps, user: c.get("auth")?.user ?? null }),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") deps.log.error(`tRPC ${path ?? "?"} failed`, error.cause ?? error);
      },
    }),
  );

  app.use("/api/*", async (c, next) => {
    if (!c.var.auth) return c.json(errorBody("UNAUTHENTICATED", "Sign in first: send a session cookie or a bearer token."), 401);
    return next();
  });
  app.route("/api", chatRoutes);
  options.extend?.(app);
  app.all("/api/*", (c) => c.json(errorBody("NOT_FOUND", "No such endpoint."), 404));

  // Signed-in operators land on the Users page; everyone else sees the panel's sign-in page.
  app.get("/", async (c, next) => {
    const auth = c.var.auth;
    if (auth && canListUsers(auth.user.role)) return c.redirect("/admin/users", 302);
    return next();
  });
  if (options.panel) app.use(options.panel);

  app.onError((error, c) => {
    if (error instanceof DomainError) return c.json(errorBody(error.reason, error.message), HTTP_STATUS[error.reason]);
    if (error instanceof HTTPException) return error.getResponse();
    deps.log.error(`${c.req.method} ${c.req.path} failed`, error);
    return c.json(errorBody("INTERNAL", "Internal server error; try again, and tell the operator if it persists."), 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
