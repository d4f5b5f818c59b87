import type { AppContext } from "../../platform/app/context.js";
import type { HealthTrait } from "../../platform/pack/pack-schema.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { lockAccount, recordAccountChange } from "../accounts/account-records.js";
import { formatValue, traitValueProblem } from "./grade-trait.js";
import { readHealthView, type HealthView } from "./health-view.js";
import { recomputeAccountHealth } from "./recompute.js";

export interface SetTraitOptions {
  accountId: string;
  trait: string;
  /** null clears the trait (it is missing data again). */
  value: unknown;
  note?: string | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

const traitError = (problem: string): AppError =>
  new AppError("validation_failed", `trait: ${problem}.`, { details: { issues: [{ path: ["params", "trait"], message: problem }] } });
const valueError = (problem: string): AppError =>
  new AppError("validation_failed", `value: ${problem}.`, { details: { issues: [{ path: ["body", "value"], message: problem }] } });

/** Every trait of the pack's models (default and overrides) by key; the first definition wins. */
function packTraits(ctx: Pick<AppContext, "packs">): Map<string, HealthTrait> {
  const h = ctx.packs.current().health;
  const all = [...h.categories, ...h.overrides.flatMap((o) => o.categories)].flatMap((c) => c.traits);
  const byKey = new Map<string, HealthTrait>();
  for (const t of all) if (!byKey.has(t.key)) byKey.set(t.key, t);
  return byKey;
}

/** How a value reads on the timeline: "Concerning", "yes", "2 of 3 criteria". */
function valueText(trait: HealthTrait, value: unknown): string {
  if (value === null) return "cleared";
  switch (trait.kind) {
    case "grade": {
      const g = String(value);
      return g.charAt(0).toUpperCase() + g.slice(1);
    }
    case "boolean":
      return value === true ? "yes" : "no";
    case "number":
      return formatValue(value as number);
    case "champion": {
      const held = value as Record<string, boolean>;
      const holding = trait.criteria.filter((c) => held[c.key] === true).length;
      return `${holding} of ${trait.criteria.length} criteria hold`;
    }
  }
}

/**
 * S2/S4: a person sets (or clears) a manual trait — TA pulse, active champion, access to buyer.
 * The value is checked against the pack's trait; the trait, its timeline entry and the new
 * score commit together, so the response already carries the recomputed score.
 */
export async function setManualTrait(ctx: AppContext, o: SetTraitOptions): Promise<HealthView> {
  const trait = packTraits(ctx).get(o.trait);
  if (!trait) throw traitError(`unknown trait "${o.trait}": must be one of ${[...packTraits(ctx).values()].filter((t) => t.source === "manual").map((t) => t.key).join(", ")}`);
  if (trait.source !== "manual") throw traitError(`${trait.key} (${trait.label}) is computed: Trellis measures it, people cannot set it`);
  if (o.value !== null) {
    const problem = traitValueProblem(trait, o.value);
    if (problem) throw valueError(problem);
  }
  const note = o.note?.trim() ? o.note.trim() : null;
  return ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    const now = ctx.clock.now();
    if (o.value === null) {
      await trx.deleteFrom("health_manual_traits").where("account_id", "=", account.id).where("trait", "=", trait.key).execute();
    } else {
      const value = JSON.stringify(o.value);
      const row = { value, note, set_by: actorColumns(o.actor).actor_label, set_at: now };
      await trx
        .insertInto("health_manual_traits")
        .values({ account_id: account.id, trait: trait.key, ...row })
        .onConflict((oc) => oc.columns(["account_id", "trait"]).doUpdateSet(row))
        .execute();
    }
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.health_trait_set",
      summary: `${trait.label} ${o.value === null ? "cleared" : `set to ${valueText(trait, o.value)}`}${note ? `: ${note}` : ""}`,
      data: { trait: trait.key, value: o.value, note },
      requestId: o.requestId,
    });
    await recomputeAccountHealth(trx, ctx, account.id, o.actor, `trait:${trait.key}`);
    const view = await readHealthView(trx, ctx.packs, account.id);
    if (!view) throw notFound("Account", account.id);
    return view;
  });
}
