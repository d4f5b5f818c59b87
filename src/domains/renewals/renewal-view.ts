import { sql, type Kysely, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { invalidField, notFound } from "../../platform/errors/app-error.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";
import { daysBetween } from "../usage/days.js";
import { isQuarter, quarterOf, quarterRange } from "./quarters.js";
import { arrAtRiskOf, expectedArrOf } from "./renewal-math.js";
import type { LighthouseStatus, RenewalCycleRow, RenewalOutcome, RenewalRating, RenewalStatus, ReviewDecision } from "./schema.js";

type Executor = Kysely<Database> | Transaction<Database>;

export interface Person {
  id: string;
  name: string;
}

export interface RenewalListItem {
  id: string;
  account: { id: string; name: string; segment: string | null; taUser: Person | null; aeUser: Person | null; healthBand: string | null; healthScore: number | null };
  renewalDate: string;
  daysToRenewal: number;
  quarter: string;
  status: RenewalStatus;
  arrAtOpen: number | null;
  currentArr: number;
  rating: RenewalRating | null;
  reviewDecision: ReviewDecision | null;
  projectedOutcome: RenewalOutcome | null;
  projectedArr: number | null;
  expectedArr: number;
  arrAtRisk: number;
  lighthouse: { id: string; status: LighthouseStatus } | null;
  assessmentDocId: string | null;
  openedAt: string;
}

export interface RenewalDetail extends RenewalListItem {
  ratingNote: string | null;
  ratedBy: string | null;
  ratedAt: string | null;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  projectionNote: string | null;
  projectedBy: string | null;
  projectedAt: string | null;
  outcome: RenewalOutcome | null;
  renewedArr: number | null;
  nextContractStart: string | null;
  nextContractEnd: string | null;
  processNote: string | null;
  processedBy: string | null;
  processedAt: string | null;
  assessmentTaskId: string | null;
  outcomeLabels: Record<RenewalOutcome, string>;
  timeline: { at: string; summary: string; actorLabel: string }[];
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const num = (n: number | string | null): number | null => (n === null ? null : Number(n));
const person = (id: string | null, name: string | null): Person | null => (id && name ? { id, name } : null);

/** Cycles with their account, owners and Lighthouse program (the one this renewal entered, else the account's active one). */
function cycleQuery(db: Executor) {
  return db
    .selectFrom("renewal_cycles as c")
    .innerJoin("accounts as a", "a.id", "c.account_id")
    .leftJoin("account_health as h", "h.account_id", "a.id")
    .leftJoin("users as ta", "ta.id", "a.ta_user_id")
    .leftJoin("users as ae", "ae.id", "a.ae_user_id")
    .selectAll("c")
    .select([
      "a.name as account_name",
      "a.segment as account_segment",
      "a.arr as account_arr",
      "h.band as account_health_band",
      "h.score as account_health_score",
      "a.ta_user_id",
      "a.ae_user_id",
      "ta.name as ta_name",
      "ae.name as ae_name",
      sql<string | null>`(select lp.id::text from lighthouse_programs lp where lp.account_id = c.account_id and (lp.renewal_cycle_id = c.id or lp.status = 'active') order by (lp.renewal_cycle_id = c.id) desc, lp.entered_at desc limit 1)`.as("lighthouse_id"),
      sql<LighthouseStatus | null>`(select lp.status from lighthouse_programs lp where lp.account_id = c.account_id and (lp.renewal_cycle_id = c.id or lp.status = 'active') order by (lp.renewal_cycle_id = c.id) desc, lp.entered_at desc limit 1)`.as("lighthouse_status"),
    ]);
}

type CycleJoined = RenewalCycleRow & {
  account_name: string;
  account_segment: string | null;
  account_arr: number | null;
  account_health_band: string | null;
  account_health_score: number | null;
  ta_user_id: string | null;
  ae_user_id: string | null;
  ta_name: string | null;
  ae_name: string | null;
  lighthouse_id: string | null;
  lighthouse_status: LighthouseStatus | null;
};

function toListItem(ctx: AppContext, r: CycleJoined): RenewalListItem {
  const today = utcDateKey(ctx.clock.now());
  // While open the ARR up for renewal is the account's; once processed the account carries the renewed ARR.
  const currentArr = (r.status === "open" ? num(r.account_arr) : num(r.arr_at_open)) ?? 0;
  const figures = { status: r.status, currentArr, rating: r.rating, projectedOutcome: r.projected_outcome, projectedArr: num(r.projected_arr), renewedArr: num(r.renewed_arr) };
  return {
    id: r.id,
    account: {
      id: r.account_id,
      name: r.account_name,
      segment: r.account_segment,
      taUser: person(r.ta_user_id, r.ta_name),
      aeUser: person(r.ae_user_id, r.ae_name),
      healthBand: r.account_health_band,
      healthScore: num(r.account_health_score),
    },
    renewalDate: r.renewal_date,
    daysToRenewal: daysBetween(today, r.renewal_date),
    quarter: quarterOf(r.renewal_date),
    status: r.status,
    arrAtOpen: num(r.arr_at_open),
    currentArr,
    rating: r.rating,
    reviewDecision: r.review_decision,
    projectedOutcome: r.projected_outcome,
    projectedArr: num(r.projected_arr),
    expectedArr: expectedArrOf(figures),
    arrAtRisk: arrAtRiskOf(ctx.packs.current(), figures),
    lighthouse: r.lighthouse_id && r.lighthouse_status ? { id: r.lighthouse_id, status: r.lighthouse_status } : null,
    assessmentDocId: r.assessment_doc_id,
    openedAt: new Date(r.opened_at).toISOString(),
  };
}

export interface RenewalListQuery {
  quarter?: string | undefined;
  status?: RenewalStatus | "all" | undefined;
  rating?: RenewalRating | "unrated" | undefined;
  ownerUserId?: string | undefined;
  limit: number;
  offset: number;
}

/** GET /renewals: open cycles by renewal date unless asked otherwise; owner = the account's TA or AE. */
export async function listRenewals(ctx: AppContext, q: RenewalListQuery): Promise<{ items: RenewalListItem[]; total: number }> {
  if (q.quarter !== undefined && !isQuarter(q.quarter)) throw invalidField("quarter", "must look like 2026-Q4", "query");
  let base = ctx.db.selectFrom("renewal_cycles as c").innerJoin("accounts as a", "a.id", "c.account_id");
  const status = q.status ?? "open";
  if (status !== "all") base = base.where("c.status", "=", status);
  if (q.quarter) {
    const range = quarterRange(q.quarter);
    base = base.where("c.renewal_date", ">=", range.start).where("c.renewal_date", "<=", range.end);
  }
  if (q.rating === "unrated") base = base.where("c.rating", "is", null);
  else if (q.rating) base = base.where("c.rating", "=", q.rating);
  if (q.ownerUserId) {
    const owner = q.ownerUserId;
    base = base.where((eb) => eb.or([eb("a.ta_user_id", "=", owner), eb("a.ae_user_id", "=", owner)]));
  }
  const total = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirst();
  const ids = await base.select("c.id").orderBy("c.renewal_date").orderBy("a.name").orderBy("c.id").limit(q.limit).offset(q.offset).execute();
  const rows = ids.length === 0 ? [] : await cycleQuery(ctx.db).where("c.id", "in", ids.map((r) => r.id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r as CycleJoined]));
  const items = ids.map((r) => byId.get(r.id)).filter((r): r is CycleJoined => r !== undefined).map((r) => toListItem(ctx, r));
  return { items, total: Number(total?.n ?? 0) };
}

/** GET /accounts/:id/renewals: every cycle of the account, newest renewal date first. */
export async function listAccountRenewals(ctx: AppContext, accountId: string): Promise<{ items: RenewalListItem[] }> {
  const account = await ctx.db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", accountId);
  const rows = await cycleQuery(ctx.db).where("c.account_id", "=", accountId).orderBy("c.renewal_date", "desc").execute();
  return { items: rows.map((r) => toListItem(ctx, r as CycleJoined)) };
}

/** GET /renewals/:id (also the answer of every renewal write; pass the transaction there). */
export async function getRenewal(ctx: AppContext, id: string, db: Executor = ctx.db): Promise<RenewalDetail> {
  const r = (await cycleQuery(db).where("c.id", "=", id).executeTakeFirst()) as CycleJoined | undefined;
  if (!r) throw notFound("Renewal", id);
  const events = await db
    .selectFrom("timeline_events")
    .select(["at", "summary", "actor_label"])
    .where("subject_type", "=", "account")
    .where("subject_id", "=", r.account_id)
    .where("kind", "like", "renewal.%")
    .where(sql<boolean>`data->>'renewalId' = ${r.id}`)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .execute();
  return {
    ...toListItem(ctx, r),
    ratingNote: r.rating_note,
    ratedBy: r.rated_by,
    ratedAt: iso(r.rated_at),
    reviewNote: r.review_note,
    reviewedBy: r.reviewed_by,
    reviewedAt: iso(r.reviewed_at),
    projectionNote: r.projection_note,
    projectedBy: r.projected_by,
    projectedAt: iso(r.projected_at),
    outcome: r.outcome,
    renewedArr: num(r.renewed_arr),
    nextContractStart: r.next_contract_start,
    nextContractEnd: r.next_contract_end,
    processNote: r.process_note,
    processedBy: r.processed_by,
    processedAt: iso(r.processed_at),
    assessmentTaskId: r.assessment_task_id,
    outcomeLabels: { ...ctx.packs.current().renewals.outcomeLabels },
    timeline: events.map((e) => ({ at: new Date(e.at).toISOString(), summary: e.summary, actorLabel: e.actor_label })),
  };
}
