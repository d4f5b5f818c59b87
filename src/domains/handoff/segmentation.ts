import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordAccountChange } from "../accounts/account-records.js";
import { formatCount, formatMoney } from "./formats.js";

export interface SegmentInput {
  developers: number | null;
  arr: number | null;
}

export interface Segmentation {
  /** Null only when the developer count is unknown (no H2 rule can place the account). */
  segment: string | null;
  coverage: string;
  /** How the rules got there, for people: "1,200 developers ≥ 501 → Enterprise; …". */
  reason: string;
}

/**
 * H2 segmentation and the X coverage model, from pack `segments`: the first byDevelopers entry
 * the developer count reaches; a Commercial segment under scaledSuccess.arrBelow ARR becomes
 * Scaled Success (exactly arrBelow is not under it); coverage is the first entry whose segments
 * (when listed) contain the segment and whose minArr (when set) the ARR reaches.
 */
export function segmentFor(pack: Pick<ProcessPack, "segments">, input: SegmentInput): Segmentation {
  const rules = pack.segments;
  const parts: string[] = [];
  let segment: string | null = null;
  if (input.developers === null) {
    parts.push("Developers unknown → no segment");
  } else {
    const developers = input.developers;
    const index = rules.byDevelopers.findIndex((b) => developers >= b.minDevelopers);
    const match = index >= 0 ? rules.byDevelopers[index] : undefined;
    if (!match) {
      parts.push(`${formatCount(developers)} developers is under every segment's minimum → no segment`);
    } else {
      segment = match.name;
      const above = index > 0 ? rules.byDevelopers[index - 1] : undefined;
      // "50 developers < 100 → SMB" reads better than "≥ 0" for the catch-all last entry.
      parts.push(
        match.minDevelopers === 0 && above
          ? `${formatCount(developers)} developers < ${formatCount(above.minDevelopers)} → ${match.name}`
          : `${formatCount(developers)} developers ≥ ${formatCount(match.minDevelopers)} → ${match.name}`,
      );
      if (rules.commercial.includes(match.name)) {
        const below = rules.scaledSuccess.arrBelow;
        if (input.arr === null) parts.push(`ARR unknown → stays ${match.name}`);
        else if (input.arr < below) {
          segment = rules.scaledSuccess.name;
          parts.push(`ARR ${formatMoney(input.arr)} < ${formatMoney(below)} → ${rules.scaledSuccess.name}`);
        } else parts.push(`ARR ${formatMoney(input.arr)} ≥ ${formatMoney(below)} → stays ${match.name}`);
      }
    }
  }
  const coverage = coverageFor(rules.coverage, segment, input.arr);
  parts.push(coverage.reason);
  return { segment, coverage: coverage.name, reason: parts.join("; ") };
}

type CoverageRule = ProcessPack["segments"]["coverage"][number];

function coverageFor(rules: readonly CoverageRule[], segment: string | null, arr: number | null): { name: string; reason: string } {
  for (const rule of rules) {
    const segmentOk = rule.segments === undefined || (segment !== null && rule.segments.includes(segment));
    const arrOk = rule.minArr === undefined || (arr !== null && arr >= rule.minArr);
    if (!segmentOk || !arrOk) continue;
    const why: string[] = [];
    if (rule.segments !== undefined && segment !== null) why.push(segment);
    if (rule.minArr !== undefined && arr !== null) why.push(`ARR ${formatMoney(arr)} ≥ ${formatMoney(rule.minArr)}`);
    return { name: rule.name, reason: why.length > 0 ? `${why.join(" and ")} → ${rule.name}` : `${rule.name} (default)` };
  }
  // The pack schema requires at least one coverage rule; a pack whose rules all filter still gets an answer.
  const last = rules[rules.length - 1];
  return { name: last?.name ?? "", reason: `no coverage rule matches → ${last?.name ?? "none"}` };
}

/**
 * Re-runs H2 on an account in the book (H1 puts it there; a change of developers or ARR
 * re-segments it) and records the change only when segment, coverage or reason moved.
 * Accounts outside the book are left alone. Uses only `trx`.
 */
export async function applySegmentation(trx: Transaction<Database>, ctx: AppContext, accountId: string, actor: Actor): Promise<void> {
  const account = await trx
    .selectFrom("accounts")
    .select(["id", "developers", "arr", "segment", "segment_reason", "coverage", "in_book_at"])
    .where("id", "=", accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!account || account.in_book_at === null) return;
  const next = segmentFor(ctx.packs.current(), { developers: account.developers, arr: account.arr });
  if (next.segment === account.segment && next.coverage === account.coverage && next.reason === account.segment_reason) return;
  const now = ctx.clock.now();
  await trx
    .updateTable("accounts")
    .set({ segment: next.segment, segment_reason: next.reason, coverage: next.coverage, updated_at: now })
    .where("id", "=", accountId)
    .execute();
  const moved = next.segment !== account.segment ? `Segment ${account.segment ?? "none"} → ${next.segment ?? "none"}` : `Segment ${next.segment ?? "none"}`;
  await recordAccountChange(trx, ctx, {
    accountId,
    actor,
    action: "account.segmented",
    summary: `${moved}, ${next.coverage} (${next.reason})`,
    data: {
      segment: { from: account.segment, to: next.segment },
      coverage: { from: account.coverage, to: next.coverage },
      reason: next.reason,
    },
  });
}
