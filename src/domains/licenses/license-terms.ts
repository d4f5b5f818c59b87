import { z } from "zod";
import { AppError } from "../../platform/errors/app-error.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";

export const MAX_TAGS = 100;
export const MAX_TAG_LENGTH = 100;
export const MAX_LICENSEE_LENGTH = 200;
/** Largest user count accepted (an int4 column; 0 means unlimited). */
export const MAX_USER_COUNT = 10_000_000;

/** X: tags are free text beyond the known plan/feature tags; spaces are trimmed, empties and repeats dropped. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ""))];
}

/** Edge schemas, shared by the routes (the web form applies the same limits). */
export const tagsInput = z
  .array(z.string().max(MAX_TAG_LENGTH))
  .max(MAX_TAGS)
  .transform((tags) => normalizeTags(tags));
export const userCountInput = z.number().int().min(0).max(MAX_USER_COUNT);
export const licenseeInput = z.string().trim().min(1).max(MAX_LICENSEE_LENGTH);

/** X: "expiring soon" = the latest license expires within the pack's window (7 days by default). */
export function expiringSoonDays(pack: ProcessPack): number {
  return pack.licenses.expiringSoonDays;
}

export interface LicenseTerms {
  licensee: string;
  userCount: number;
  tags: string[];
  expiresAt: Date;
}

const invalid = (field: string, problem: string) =>
  new AppError("validation_failed", `${field}: ${problem}.`, { details: { issues: [{ path: ["body", field], message: problem }] } });

/** The same rules for every caller (routes, CLI, the trial flow): a bad value names its field. */
export function checkTerms(t: LicenseTerms, now: Date): LicenseTerms {
  const licensee = t.licensee.trim();
  if (licensee === "" || licensee.length > MAX_LICENSEE_LENGTH) throw invalid("licensee", `must be 1 to ${MAX_LICENSEE_LENGTH} characters`);
  if (!Number.isInteger(t.userCount) || t.userCount < 0 || t.userCount > MAX_USER_COUNT) {
    throw invalid("userCount", `must be a whole number from 0 (unlimited) to ${MAX_USER_COUNT}`);
  }
  const tags = normalizeTags(t.tags);
  if (tags.length > MAX_TAGS) throw invalid("tags", `at most ${MAX_TAGS} tags`);
  if (tags.some((tag) => tag.length > MAX_TAG_LENGTH)) throw invalid("tags", `each tag at most ${MAX_TAG_LENGTH} characters`);
  if (Number.isNaN(t.expiresAt.getTime())) throw invalid("expiresAt", "is not a date");
  if (t.expiresAt.getTime() <= now.getTime()) throw invalid("expiresAt", "must be in the future");
  return { licensee, userCount: t.userCount, tags, expiresAt: t.expiresAt };
}

/** "Acme Corp, Inc." → "acme-corp-inc": the licensee part of T6's `<customer-name>-plg-trial`. */
export function nameSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, 150).replace(/-+$/, "") || "customer";
}
