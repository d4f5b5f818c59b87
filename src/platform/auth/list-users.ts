import type { AppContext } from "../app/context.js";
import { validRole } from "./user-fields.js";
import { toUserView, type UserView } from "./user-view.js";

export interface ListUsersOptions {
  /** Deactivated users are left out unless asked for (pickers should not offer them). */
  includeInactive?: boolean | undefined;
  /** Only users with this role (e.g. "ce" for an owner picker). */
  role?: string | undefined;
}

/** Users ordered by name, then email. Team sizes are small: no paging. */
export async function listUsers(ctx: AppContext, o: ListUsersOptions = {}): Promise<UserView[]> {
  let query = ctx.db.selectFrom("users").selectAll().orderBy("name").orderBy("email");
  if (!o.includeInactive) query = query.where("active", "=", true);
  if (o.role !== undefined) query = query.where("role", "=", validRole(o.role));
  const rows = await query.execute();
  return rows.map(toUserView);
}
