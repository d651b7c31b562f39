// users.*: validate, call one service verb, return its answer.
import {
  inviteInput,
  listUsersInput,
  setMessageLimitInput,
  setRoleInput,
  userIdInput,
} from "../../core/schemas.ts";
import { deleteUser, setMessageLimit, setRole, suspendUser, unsuspendUser, answerAs } from "../../core/users/commands.ts";
import { inviteUser, resendInvite, revokeInvite } from "../../core/users/invitations.ts";
import { listUsers } from "../../core/users/list.ts";
import { operatorProcedure, router } from "../init.ts";

export const usersRouter = router({
  list: operatorProcedure
    .input(listUsersInput)
    .query(({ ctx, input }) => listUsers(ctx.deps.db, ctx.user, input, ctx.deps.clock.now())),
  get: operatorProcedure.input(userIdInput).query(({ ctx, input }) => answerAs(ctx.deps, ctx.user, input.id)),
  invite: operatorProcedure.input(inviteInput).mutation(({ ctx, input }) => inviteUser(ctx.deps, ctx.user.id, input)),
  resendInvite: operatorProcedure.input(userIdInput).mutation(({ ctx, input }) => resendInvite(ctx.deps, ctx.user.id, input.id)),
  revokeInvite: operatorProcedure.input(userIdInput).mutation(({ ctx, input }) => revokeInvite(ctx.deps, ctx.user.id, input.id)),
  setRole: operatorProcedure.input(setRoleInput).mutation(({ ctx, input }) => setRole(ctx.deps, ctx.user.id, input.id, input.role)),
  suspend: operatorProcedure.input(userIdInput).mutation(({ ctx, input }) => suspendUser(ctx.deps, ctx.user.id, input.id)),
  unsuspend: operatorProcedure.input(userIdInput).mutation(({ ctx, input }) => unsuspendUser(ctx.deps, ctx.user.id, input.id)),
  delete: operatorProcedure.input(userIdInput).mutation(({ ctx, input }) => deleteUser(ctx.deps, ctx.user.id, input.id)),
  setMessageLimit: operatorProcedure
    .input(setMessageLimitInput)
    .mutation(({ ctx, input }) => setMessageLimit(ctx.deps, ctx.user.id, input.id, input.limit)),
});
