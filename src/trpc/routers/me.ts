// me.*: the caller's own account.
import { getUsage } from "../../core/cap/cap.ts";
import { updateProfileInput } from "../../core/schemas.ts";
import { getMe, updateProfile } from "../../core/users/me.ts";
import { router, userProcedure } from "../init.ts";

export const meRouter = router({
  get: userProcedure.query(({ ctx }) => getMe(ctx.deps, ctx.user.id)),
  usage: userProcedure.query(({ ctx }) => getUsage(ctx.deps, ctx.user.id)),
  updateProfile: userProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx.deps, ctx.user.id, input)),
});
