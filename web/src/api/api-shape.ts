// Interim client shape, mirroring CONTRACT §4, until src/trpc/router.ts exports AppRouter.
import type { InviteInput, ListInput, Me, Role, User, UserPage } from "./types.ts";

type Query<I, O> = { query(input: I): Promise<O> };
type Mutation<I, O> = { mutate(input: I): Promise<O> };
type Id = { id: string };

export interface Api {
  me: { get: Query<void, Me> };
  users: {
    list: Query<ListInput, UserPage>;
    invite: Mutation<InviteInput, { user: User }>;
    resendInvite: Mutation<Id, { user: User }>;
    revokeInvite: Mutation<Id, { ok: true }>;
    setRole: Mutation<Id & { role: Role }, User>;
    suspend: Mutation<Id, User>;
    unsuspend: Mutation<Id, User>;
    delete: Mutation<Id, { ok: true }>;
    setMessageLimit: Mutation<Id & { limit: number | null }, User>;
  };
}
