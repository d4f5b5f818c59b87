import { sql } from "kysely";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { checkSlug } from "../instances/instance-input.js";

/** The slug a company's name suggests: lower-case letters and digits, cut to the pack's length. */
export function slugBase(company: string, maxLength: number): string {
  const ascii = company.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const words = ascii.replace(/\b(inc|llc|ltd|gmbh|corp|corporation|company|co|sa|ag|bv|plc)\b\.?/g, " ");
  const base = words.replace(/[^a-z0-9]+/g, "").slice(0, maxLength);
  return base === "" ? "trial" : base;
}

async function slugTaken(db: Executor, slug: string): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom("instances").select(sql.lit(1).as("x")).where("slug", "=", slug)).as("instance"),
      eb
        .exists(
          eb
            .selectFrom("trials")
            .select(sql.lit(1).as("x"))
            .where("slug", "=", slug)
            .where("state", "not in", ["cancelled", "terminated", "converted"]),
        )
        .as("trial"),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.instance) || Boolean(row.trial);
}

/**
 * X: slugs are at most slugMaxLength characters. A collision is resolved by a numeric suffix
 * that replaces the end of the name (acme, acme2, …, acm10); a slug asked for explicitly is
 * checked and a collision reported (409 with the field) rather than silently changed.
 */
export async function chooseSlug(db: Executor, pack: ProcessPack, company: string, requested?: string | null): Promise<string> {
  const max = pack.trials.slugMaxLength;
  if (requested) {
    checkSlug(requested, pack);
    if (await slugTaken(db, requested)) {
      throw new AppError("already_exists", `Slug ${requested} is taken by another instance or live trial; pick another.`, { details: { field: "slug" } });
    }
    return requested;
  }
  const base = slugBase(company, max);
  if (!(await slugTaken(db, base))) return base;
  for (let n = 2; n < 10_000; n++) {
    const suffix = String(n);
    const candidate = `${base.slice(0, Math.max(1, max - suffix.length))}${suffix}`;
    if (!(await slugTaken(db, candidate))) return candidate;
  }
  throw new AppError("conflict", `No free slug is left for ${company}; choose one explicitly.`, { details: { field: "slug" } });
}
