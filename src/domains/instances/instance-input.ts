import { z } from "zod";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { AppError } from "../../platform/errors/app-error.js";

export const instanceKind = z.enum(["trial", "production"]);
export const instanceStatus = z.enum(["active", "terminated"]);

const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** X: instance slugs are lowercase DNS labels of at most the pack's length (10 by default). */
export function checkSlug(slug: string, pack: ProcessPack): void {
  const max = pack.trials.slugMaxLength;
  const problem = !SLUG.test(slug)
    ? "use lowercase letters, digits and inner hyphens"
    : slug.length > max
      ? `at most ${max} characters`
      : null;
  if (problem) {
    throw new AppError("validation_failed", `slug: ${problem}.`, { details: { issues: [{ path: ["body", "slug"], message: problem }] } });
  }
}
