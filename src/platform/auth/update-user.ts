import type { AppContext } from "../app/context.js";
import { AppError, notFound } from "../errors/app-error.js";
import { audit } from "../timeline/record.js";
import type { Actor } from "../timeline/actor.js";
import { isUuid, type Executor } from "./secrets.js";
import { validBookingUrl, validName, validRole } from "./user-fields.js";
import { toUserView, type UserView } from "./user-view.js";

export interface UpdateUserOptions {
  id: string;
  /** Fields left undefined are unchanged; bookingUrl null clears the link. */
  name?: string | undefined;
  role?: string | undefined;
  bookingUrl?: string | null | undefined;
  active?: boolean | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

type Change = { from: unknown; to: unknown };

/**
 * Changes a user's profile, role or active flag. Audits only the fields that changed.
 * Deactivating signs the user out everywhere. The last active admin cannot be demoted or
 * deactivated, so the instance can never lock itself out.
 */
export async function updateUser(ctx: AppContext, o: UpdateUserOptions): Promise<UserView> {
  if (!isUuid(o.id)) throw notFound("User", o.id);
  const wanted = {
    name: o.name === undefined ? undefined : validName(o.name),
    role: o.role === undefined ? undefined : validRole(o.role),
    booking_url: o.bookingUrl === undefined ? undefined : validBookingUrl(o.bookingUrl),
    active: o.active,
  };
  const now = ctx.clock.now();

  return ctx.db.transaction().execute(async (trx) => {
    const mayRemoveAdmin = wanted.role !== undefined || wanted.active !== undefined;
    const activeAdmins = mayRemoveAdmin ? await lockActiveAdmins(trx) : [];
    const current = await trx.selectFrom("users").selectAll().where("id", "=", o.id).forUpdate().executeTakeFirst();
    if (!current) throw notFound("User", o.id);

    const changes: Record<string, Change> = {};
    if (wanted.name !== undefined && wanted.name !== current.name) changes.name = { from: current.name, to: wanted.name };
    if (wanted.role !== undefined && wanted.role !== current.role) changes.role = { from: current.role, to: wanted.role };
    if (wanted.booking_url !== undefined && wanted.booking_url !== current.booking_url) {
      changes.bookingUrl = { from: current.booking_url, to: wanted.booking_url };
    }
    if (wanted.active !== undefined && wanted.active !== current.active) {
      changes.active = { from: current.active, to: wanted.active };
    }
    if (Object.keys(changes).length === 0) return toUserView(current);

    const losesAdmin = current.role === "admin" && current.active && (changes.role || changes.active);
    if (losesAdmin && !activeAdmins.some((id) => id !== current.id)) {
      throw new AppError("invalid_state", "This is the last active admin: make another user an admin first.", {
        details: { field: changes.role ? "role" : "active" },
      });
    }

    const row = await trx
      .updateTable("users")
      .set({
        name: wanted.name ?? current.name,
        role: wanted.role ?? current.role,
        booking_url: wanted.booking_url === undefined ? current.booking_url : wanted.booking_url,
        active: wanted.active ?? current.active,
        updated_at: now,
      })
      .where("id", "=", o.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    let revokedSessions = 0;
    if (changes.active && !row.active) {
      const revoked = await trx
        .updateTable("sessions")
        .set({ revoked_at: now })
        .where("user_id", "=", row.id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      revokedSessions = Number(revoked.numUpdatedRows);
    }
    await audit(trx, {
      actor: o.actor,
      action: "user.updated",
      at: now,
      subject: { type: "user", id: row.id },
      data: { email: row.email, changes, ...(revokedSessions > 0 ? { revokedSessions } : {}) },
      requestId: o.requestId,
    });
    return toUserView(row);
  });
}

/**
 * Locks every active admin row, always in id order, before the row being changed: two admins
 * demoting each other then queue instead of deadlocking, and the second sees the first's change.
 */
async function lockActiveAdmins(trx: Executor): Promise<string[]> {
  const rows = await trx
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .where("active", "=", true)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}
