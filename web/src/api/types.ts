// The wire shapes the panel reads, inferred from the server's router (plain JSON, ISO timestamps).
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../../src/trpc/router.ts";

export type { Role, Status, UserAction } from "../../../src/core/policy.ts";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type Me = Outputs["me"]["get"];
export type UserPage = Outputs["users"]["list"];
export type User = UserPage["items"][number];
export type ListInput = NonNullable<Inputs["users"]["list"]>;
export type { SortColumn } from "../../../src/core/schemas.ts";
export type SortOrder = "asc" | "desc";
