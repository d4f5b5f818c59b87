import { randomUUID } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordChanges } from "../../platform/timeline/record.js";
import { ACCOUNT_SUBJECT } from "../accounts/account-records.js";
import { feedChannelName } from "../channels/feed.js";
import { postToChannel } from "../channels/post-to-channel.js";
import type { BandChange } from "../health/band-change.js";
import { queueEmail } from "../trials/queue-email.js";
import type { RedTrigger } from "./schema.js";
import { trackerUrl } from "./tracker-links.js";

/** Rows per insert statement when a first full recompute turns many accounts red at once. */
const INSERT_BATCH = 1000;
const READ_BATCH = 10_000;

/** A channel message holds at most 4,000 characters; the reason is cut to leave room for the rest. */
const REASON_IN_POST = 1500;

/**
 * Up to this many trackers opened by one recompute batch are announced one by one (a post and
 * an email per team member each). More — a first full recompute of a book, a pack change that
 * moves the bands — get one digest post and one digest email per person instead: thousands of
 * posts would flood the feed and Slack, and cost a few statements each inside the recompute.
 * An engineering limit, not a process rule.
 */
export const ONE_BY_ONE = 10;
/** Accounts named in a digest post or email; the rest are counted. */
const DIGEST_NAMES = 20;

interface TeamMember {
  id: string;
  name: string;
  email: string;
}

interface Opened {
  row: { id: string; account_id: string; trigger: RedTrigger; reason: string; score_at_open: number | null; opened_by: string };
  account: { id: string; name: string };
  team: TeamMember[];
}

/**
 * S3: every account that turned red gets one open tracker row (the partial unique index keeps
 * it at one even when two recomputes race: the second insert does nothing), a post to the
 * pack's red-accounts feed, an email to its AE, CE and TA (a digest of each when more than
 * ONE_BY_ONE open at once), and a timeline event. A red flag a
 * person set makes the trigger "manual" with their reason; otherwise the score's main reason.
 * Uses only `trx`.
 */
export async function openRedTrackers(trx: Transaction<Database>, ctx: AppContext, changes: readonly BandChange[], actor: Actor): Promise<void> {
  if (changes.length === 0) return;
  const byAccount = new Map(changes.map((c) => [c.accountId, c]));
  const ids = [...byAccount.keys()];
  const accounts = [];
  // Chunked: a statement takes at most 65,535 parameters.
  for (let i = 0; i < ids.length; i += READ_BATCH) {
    accounts.push(
      ...(await trx
        .selectFrom("accounts")
        .select(["id", "name", "ae_user_id", "ce_user_id", "ta_user_id", "health_red_flag_reason", "health_red_flag_by"])
        .where("id", "in", ids.slice(i, i + READ_BATCH))
        .execute()),
    );
  }
  const at = ctx.clock.now();
  const label = actorColumns(actor).actor_label;
  const rows = accounts.map((a) => {
    const change = byAccount.get(a.id);
    const manual = a.health_red_flag_reason !== null;
    const trigger: RedTrigger = manual ? "manual" : "score";
    const reason = manual ? (a.health_red_flag_reason ?? "") : (change?.reason ?? change?.summary ?? "Health turned red");
    return {
      id: randomUUID(),
      account_id: a.id,
      trigger,
      reason,
      score_at_open: change?.score ?? null,
      opened_at: at,
      opened_by: manual && a.health_red_flag_by ? a.health_red_flag_by : label,
      updated_at: at,
    };
  });
  const insertedIds = new Set<string>();
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const inserted = await trx
      .insertInto("red_accounts")
      .values(rows.slice(i, i + INSERT_BATCH))
      .onConflict((oc) => oc.column("account_id").where("resolved_at", "is", null).doNothing())
      .returning("id")
      .execute();
    for (const r of inserted) insertedIds.add(r.id);
  }
  const fresh = rows.filter((r) => insertedIds.has(r.id));
  if (fresh.length === 0) return;

  const accountOf = new Map(accounts.map((a) => [a.id, a]));
  const teamIds = [...new Set(accounts.flatMap((a) => [a.ae_user_id, a.ce_user_id, a.ta_user_id]).filter((id): id is string => id !== null))];
  const users = teamIds.length === 0 ? [] : await trx.selectFrom("users").select(["id", "name", "email", "active"]).where("id", "in", teamIds).execute();
  const userOf = new Map(users.filter((u) => u.active).map((u) => [u.id, u]));
  const opened: Opened[] = fresh.flatMap((row) => {
    const account = accountOf.get(row.account_id);
    if (!account) return [];
    const team = [account.ae_user_id, account.ce_user_id, account.ta_user_id].flatMap((id) => {
      const u = id === null ? undefined : userOf.get(id);
      return u ? [u] : [];
    });
    return [{ row, account, team: [...new Map(team.map((u) => [u.id, u])).values()] }];
  });
  if (opened.length <= ONE_BY_ONE) await announceEach(trx, ctx, opened, actor);
  else await announceDigest(trx, ctx, opened, actor);
  await recordChanges(
    trx,
    fresh.map((row) => ({
      actor,
      action: "red_account.opened",
      at,
      summary: `Red-account tracker opened (${row.trigger === "manual" ? "marked red" : "by score"}): ${row.reason}`,
      subject: { type: ACCOUNT_SUBJECT, id: row.account_id },
      data: { redAccountId: row.id, trigger: row.trigger, reason: row.reason, score: row.score_at_open },
    })),
  );
}

/**
 * S3: an account promoted to yellow or green resolves its open tracker, with the band change's
 * summary ("Health red → yellow (55): …") as the resolution. Uses only `trx`.
 */
export async function resolveRedTrackers(trx: Transaction<Database>, ctx: AppContext, changes: readonly BandChange[], actor: Actor): Promise<void> {
  if (changes.length === 0) return;
  const at = ctx.clock.now();
  const label = actorColumns(actor).actor_label;
  // One statement per batch, each account with its own resolution text: a recompute after a
  // data fix or a pack change can promote thousands at once.
  const resolved: { id: string; accountId: string; resolution: string }[] = [];
  for (let i = 0; i < changes.length; i += INSERT_BATCH) {
    const some = changes.slice(i, i + INSERT_BATCH).map((c) => ({ account_id: c.accountId, resolution: c.summary }));
    const rows = await sql<{ id: string; account_id: string; resolution: string }>`
      update red_accounts r
      set resolved_at = ${at}, resolved_by = ${label}, resolution = v.resolution, updated_at = ${at}, updated_by = ${label}
      from jsonb_to_recordset(${JSON.stringify(some)}::jsonb) as v(account_id uuid, resolution text)
      where r.account_id = v.account_id and r.resolved_at is null
      returning r.id::text as id, r.account_id::text as account_id, v.resolution`.execute(trx);
    for (const r of rows.rows) resolved.push({ id: r.id, accountId: r.account_id, resolution: r.resolution });
  }
  await recordChanges(
    trx,
    resolved.map((r) => ({
      actor,
      action: "red_account.resolved",
      at,
      summary: `Red-account tracker resolved: ${r.resolution}`,
      subject: { type: ACCOUNT_SUBJECT, id: r.accountId },
      data: { redAccountId: r.id, resolution: r.resolution },
    })),
  );
}

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One post to the feed and one email per team member for each tracker (keys per tracker). */
async function announceEach(trx: Transaction<Database>, ctx: AppContext, opened: readonly Opened[], actor: Actor): Promise<void> {
  const feed = feedChannelName(ctx.packs.current(), "redAccounts");
  for (const { row, account, team } of opened) {
    const url = trackerUrl(ctx, row.id);
    const reason = cut(row.reason, REASON_IN_POST);
    const head =
      row.trigger === "manual"
        ? `${account.name} was marked red by ${row.opened_by}: ${reason}`
        : `${account.name} turned red${row.score_at_open === null ? "" : ` (score ${row.score_at_open})`}: ${reason}`;
    await postToChannel(trx, ctx, {
      channel: feed,
      text: `${head}\nTracker: ${url}`,
      subject: { type: ACCOUNT_SUBJECT, id: account.id },
      actor,
      idempotencyKey: `S3.red:${row.id}`,
    });
    for (const person of team) {
      await queueEmail(trx, ctx, {
        template: "redAccountOpened",
        to: [person.email],
        vars: { name: person.name, account: account.name, reason: row.reason, trackerUrl: url },
        idempotencyKey: `S3.red:${row.id}:${person.id}`,
        subject: { type: ACCOUNT_SUBJECT, id: account.id },
        actor,
      });
    }
  }
}

/** Many trackers at once: one digest post, and per person one email listing their accounts. */
async function announceDigest(trx: Transaction<Database>, ctx: AppContext, opened: readonly Opened[], actor: Actor): Promise<void> {
  // The batch's smallest tracker id names it: unique, and the same if the batch were replayed.
  const batch = opened.map((o) => o.row.id).sort()[0] ?? "";
  const line = (o: Opened) => `${o.account.name}${o.row.score_at_open === null ? "" : ` (${o.row.score_at_open})`}`;
  const names = (list: readonly Opened[]) => {
    const shown = list.slice(0, DIGEST_NAMES).map(line).join(", ");
    return list.length > DIGEST_NAMES ? `${shown} and ${list.length - DIGEST_NAMES} more` : shown;
  };
  await postToChannel(trx, ctx, {
    channel: feedChannelName(ctx.packs.current(), "redAccounts"),
    text: cut(`${opened.length} accounts turned red: ${names(opened)}.\nRed accounts: ${appUrl(ctx.config, "/red-accounts")}`, 3900),
    actor,
    idempotencyKey: `S3.red-digest:${batch}`,
  });
  const byPerson = new Map<string, { person: TeamMember; list: Opened[] }>();
  for (const o of opened) {
    for (const person of o.team) {
      const entry = byPerson.get(person.id) ?? { person, list: [] };
      entry.list.push(o);
      byPerson.set(person.id, entry);
    }
  }
  for (const { person, list } of byPerson.values()) {
    const [first] = list;
    if (!first) continue;
    const single = list.length === 1;
    await queueEmail(trx, ctx, {
      template: "redAccountOpened",
      to: [person.email],
      vars: {
        name: person.name,
        account: single ? first.account.name : `${first.account.name} and ${list.length - 1} more of your accounts`,
        reason: single ? first.row.reason : `\n${list.slice(0, DIGEST_NAMES).map((o) => `- ${o.account.name}: ${cut(o.row.reason, 300)}`).join("\n")}${list.length > DIGEST_NAMES ? `\n- and ${list.length - DIGEST_NAMES} more` : ""}`,
        trackerUrl: single ? trackerUrl(ctx, first.row.id) : appUrl(ctx.config, `/red-accounts?owner=${encodeURIComponent(person.id)}`),
      },
      idempotencyKey: single ? `S3.red:${first.row.id}:${person.id}` : `S3.red-digest:${batch}:${person.id}`,
      ...(single ? { subject: { type: ACCOUNT_SUBJECT, id: first.account.id } } : {}),
      actor,
    });
  }
}
