// The whole tRPC API (CONTRACT §4); clients import only the AppRouter type.
import { router } from "./init.ts";
import { auditRouter } from "./routers/audit.ts";
import { meRouter } from "./routers/me.ts";
import { usersRouter } from "./routers/users.ts";

export const appRouter = router({ me: meRouter, users: usersRouter, audit: auditRouter });
export type AppRouter = typeof appRouter;
