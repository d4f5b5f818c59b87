import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import { AppError, invalidField, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { ACCOUNT_SUBJECT, lockAccount, recordAccountChange } from "../accounts/account-records.js";
import type { AccountRow } from "../accounts/schema.js";
import { TASK_SUBJECT } from "../tasks/create-task.js";
import { activeUser, type Person } from "../trials/recipients.js";
import { queueEmail } from "../trials/queue-email.js";
import { actorLabel } from "./cycle-records.js";
import { getLighthouse, getLighthouseUpdate, type LighthouseDetail, type LighthouseUpdate } from "./lighthouse-view.js";
import type { LighthouseProgramRow } from "./schema.js";

export const LIGHTHOUSE_TEXT_MAX = 10_000;
export const WEEKLY_RULE_ID = "R3.lighthouse-weekly";

/** The R3 weekly update task of a program's week (its sourceKey). */
export const weeklyTaskKey = (programId: string, week: number): string => `${WEEKLY_RULE_ID}:${programId}:${week}`;

/** Which update period of the program `at` falls in: 0 the first (no task yet), then 1, 2… (pack renewals.lighthouseUpdateEveryDays). */
export function weekIndex(ctx: AppContext, enteredAt: Date, at: Date): number {
  const every = ctx.packs.current().renewals.lighthouseUpdateEveryDays * DAY_MS;
  return Math.max(0, Math.floor((at.getTime() - enteredAt.getTime()) / every));
}

export const programUrl = (ctx: Pick<AppContext, "config">, id: string): string => appUrl(ctx.config, `/lighthouse/${encodeURIComponent(id)}`);

function checkText(field: string, value: string): string {
  const text = value.trim();
  if (text.length > LIGHTHOUSE_TEXT_MAX) throw invalidField(field, `must be at most ${LIGHTHOUSE_TEXT_MAX} characters`);
  return text;
}

export interface EnterLighthouse {
  account: AccountRow;
  renewalCycleId: string | null;
  reason: string;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * R2/X: the account enters the Lighthouse save program (the caller checked none is active and
 * holds the account's lock): the program row, "lighthouse.entered" on the account's timeline,
 * and lighthouseEntered to the AE and the TA. Uses only `trx`.
 */
export async function enterLighthouseIn(trx: Transaction<Database>, ctx: AppContext, e: EnterLighthouse): Promise<string> {
  const id = randomUUID();
  const at = ctx.clock.now();
  await trx
    .insertInto("lighthouse_programs")
    .values({ id, account_id: e.account.id, renewal_cycle_id: e.renewalCycleId, status: "active", entry_reason: e.reason, entered_at: at, entered_by: actorLabel(e.actor), updated_at: at })
    .execute();
  await recordAccountChange(trx, ctx, {
    accountId: e.account.id,
    actor: e.actor,
    action: "lighthouse.entered",
    summary: `Entered the Lighthouse save program: ${e.reason}`,
    data: { programId: id, renewalId: e.renewalCycleId, reason: e.reason },
    requestId: e.requestId,
  });
  const people = [await activeUser(trx, e.account.ae_user_id), await activeUser(trx, e.account.ta_user_id)];
  await emailEntered(trx, ctx, { programId: id, account: e.account, reason: e.reason, people, actor: e.actor });
  return id;
}

async function emailEntered(
  trx: Transaction<Database>,
  ctx: AppContext,
  o: { programId: string; account: Pick<AccountRow, "id" | "name">; reason: string; people: (Person | null)[]; actor: Actor },
): Promise<void> {
  const seen = new Set<string>();
  for (const person of o.people) {
    if (!person || seen.has(person.id)) continue;
    seen.add(person.id);
    await queueEmail(trx, ctx, {
      template: "lighthouseEntered",
      to: [person.email],
      vars: { name: person.name, account: o.account.name, reason: o.reason, programUrl: programUrl(ctx, o.programId) },
      idempotencyKey: `lighthouse:${o.programId}:entered:${person.id}`,
      subject: { type: ACCOUNT_SUBJECT, id: o.account.id },
      actor: o.actor,
    });
  }
}

function lighthouseActive(accountName: string, programId: string): AppError {
  return new AppError("lighthouse_active", `${accountName} is in the Lighthouse save program already.`, { details: { programId } });
}

/** POST /accounts/:id/lighthouse: ad hoc entry (X). 409 lighthouse_active when a program is active. */
export async function enterLighthouse(ctx: AppContext, o: { accountId: string; reason: string; actor: Actor; requestId?: string | undefined }): Promise<LighthouseDetail> {
  const reason = checkText("reason", o.reason);
  if (reason.length === 0) throw invalidField("reason", "is required: say why the account needs saving");
  return ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account || account.archived_at) throw notFound("Account", o.accountId);
    const active = await trx.selectFrom("lighthouse_programs").select("id").where("account_id", "=", account.id).where("status", "=", "active").executeTakeFirst();
    if (active) throw lighthouseActive(account.name, active.id);
    const id = await enterLighthouseIn(trx, ctx, { account, renewalCycleId: null, reason, actor: o.actor, requestId: o.requestId });
    return getLighthouse(ctx, id, trx);
  });
}

async function lockProgram(trx: Transaction<Database>, id: string): Promise<LighthouseProgramRow> {
  const row = await trx.selectFrom("lighthouse_programs").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  if (!row) throw notFound("Lighthouse program", id);
  return row;
}

function assertActive(p: LighthouseProgramRow): void {
  if (p.status === "exited") throw new AppError("invalid_state", "This Lighthouse program was exited; it can no longer change.", { details: { programId: p.id } });
}

export interface PatchLighthouse {
  id: string;
  savePlan?: string | undefined;
  successCriteria?: string | undefined;
  /** null clears the sponsor. */
  execSponsorUserId?: string | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** PATCH /lighthouse/:id: the save plan, success criteria and exec sponsor (an active user). */
export async function patchLighthouse(ctx: AppContext, o: PatchLighthouse): Promise<LighthouseDetail> {
  const savePlan = o.savePlan === undefined ? undefined : checkText("savePlan", o.savePlan);
  const successCriteria = o.successCriteria === undefined ? undefined : checkText("successCriteria", o.successCriteria);
  return ctx.db.transaction().execute(async (trx) => {
    const p = await lockProgram(trx, o.id);
    assertActive(p);
    const set: { save_plan?: string; success_criteria?: string; exec_sponsor_user_id?: string | null } = {};
    const what: string[] = [];
    if (savePlan !== undefined && savePlan !== p.save_plan) {
      set.save_plan = savePlan;
      what.push("save plan");
    }
    if (successCriteria !== undefined && successCriteria !== p.success_criteria) {
      set.success_criteria = successCriteria;
      what.push("success criteria");
    }
    let sponsor: Person | null = null;
    if (o.execSponsorUserId !== undefined && o.execSponsorUserId !== p.exec_sponsor_user_id) {
      sponsor = await activeUser(trx, o.execSponsorUserId);
      if (o.execSponsorUserId !== null && !sponsor) throw invalidField("execSponsorUserId", `no active user ${o.execSponsorUserId}`);
      set.exec_sponsor_user_id = o.execSponsorUserId;
      what.push(sponsor ? `exec sponsor ${sponsor.name}` : "exec sponsor cleared");
    }
    if (what.length > 0) {
      const at = ctx.clock.now();
      await trx.updateTable("lighthouse_programs").set({ ...set, updated_at: at }).where("id", "=", p.id).execute();
      await recordAccountChange(trx, ctx, {
        accountId: p.account_id,
        actor: o.actor,
        action: "lighthouse.updated",
        summary: `Lighthouse: changed ${what.join(", ")}`,
        data: { programId: p.id, fields: Object.keys(set) },
        requestId: o.requestId,
      });
      if (sponsor) {
        // The exec sponsor is told like the AE and TA were (X: the save plan has an exec sponsor).
        const account = await trx.selectFrom("accounts").select(["id", "name"]).where("id", "=", p.account_id).executeTakeFirstOrThrow();
        await emailEntered(trx, ctx, { programId: p.id, account, reason: p.entry_reason, people: [sponsor], actor: o.actor });
      }
    }
    return getLighthouse(ctx, p.id, trx);
  });
}

/** POST /lighthouse/:id/updates: the weekly update; completes this week's R3 update task when it is open. */
export async function postLighthouseUpdate(ctx: AppContext, o: { id: string; body: string; actor: Actor; requestId?: string | undefined }): Promise<LighthouseUpdate> {
  const body = checkText("body", o.body);
  if (body.length === 0) throw invalidField("body", "is required");
  return ctx.db.transaction().execute(async (trx) => {
    const p = await lockProgram(trx, o.id);
    assertActive(p);
    const at = ctx.clock.now();
    const id = randomUUID();
    await trx
      .insertInto("lighthouse_updates")
      .values({ id, program_id: p.id, author_user_id: o.actor.type === "user" ? o.actor.id : null, author: actorLabel(o.actor), body, created_at: at })
      .execute();
    await recordAccountChange(trx, ctx, {
      accountId: p.account_id,
      actor: o.actor,
      action: "lighthouse.update_posted",
      summary: `Lighthouse update: ${body.length > 200 ? `${body.slice(0, 199)}…` : body}`,
      data: { programId: p.id, updateId: id },
      requestId: o.requestId,
    });
    const week = weekIndex(ctx, new Date(p.entered_at), at);
    if (week > 0) await completeTask(trx, ctx, weeklyTaskKey(p.id, week), o.actor, o.requestId);
    return getLighthouseUpdate(trx, id);
  });
}

async function completeTask(trx: Transaction<Database>, ctx: AppContext, sourceKey: string, actor: Actor, requestId: string | undefined): Promise<void> {
  const task = await trx.selectFrom("tasks").select(["id", "status", "account_id"]).where("source_key", "=", sourceKey).where("archived_at", "is", null).forUpdate().executeTakeFirst();
  if (!task || task.status === "completed") return;
  const at = ctx.clock.now();
  const top = await trx.selectFrom("tasks").select((eb) => eb.fn.min("position").as("p")).where("status", "=", "completed").where("archived_at", "is", null).executeTakeFirst();
  await trx
    .updateTable("tasks")
    .set({ status: "completed", completed_at: at, position: (top?.p ?? 1) - 1, updated_at: at })
    .where("id", "=", task.id)
    .execute();
  await recordChange(trx, {
    actor,
    action: "task.moved",
    summary: `Moved to ${ctx.packs.current().tasks.columns.completed} (Lighthouse update posted)`,
    subject: { type: TASK_SUBJECT, id: task.id },
    at,
    data: { from: task.status, to: "completed" },
    requestId,
  });
}

/** POST /lighthouse/:id/exit: leadership agrees the success criteria are met (X). */
export async function exitLighthouse(ctx: AppContext, o: { id: string; note: string; actor: Actor; requestId?: string | undefined }): Promise<LighthouseDetail> {
  const note = checkText("note", o.note);
  if (note.length === 0) throw invalidField("note", "is required: say how the success criteria were met");
  return ctx.db.transaction().execute(async (trx) => {
    const p = await lockProgram(trx, o.id);
    assertActive(p);
    if (p.success_criteria.trim() === "") {
      throw new AppError("success_criteria_missing", "Write the success criteria first: leadership exits Lighthouse when they are met.", {
        details: { issues: [{ path: ["body", "successCriteria"], message: "is empty" }] },
      });
    }
    const at = ctx.clock.now();
    await trx.updateTable("lighthouse_programs").set({ status: "exited", exited_at: at, exited_by: actorLabel(o.actor), exit_note: note, updated_at: at }).where("id", "=", p.id).execute();
    await recordAccountChange(trx, ctx, {
      accountId: p.account_id,
      actor: o.actor,
      action: "lighthouse.exited",
      summary: `Exited the Lighthouse save program: ${note}`,
      data: { programId: p.id, note },
      requestId: o.requestId,
    });
    return getLighthouse(ctx, p.id, trx);
  });
}
