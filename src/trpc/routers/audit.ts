// audit.*: the change history, for roles the policy lets read it.
import { auditListInput } from "../../core/schemas.ts";
import { listAudit } from "../../core/users/audit.ts";
import { auditorProcedure, router } from "../init.ts";

export const auditRouter = router({
  list: auditorProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.deps.db, input)),
});
