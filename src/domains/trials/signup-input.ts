import { z } from "zod";
import { AppError } from "../../platform/errors/app-error.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";

/** T1: the fields every signup has; the pack's optional fields arrive in `fields`. */
export const signupBody = z.object({
  name: z.string().trim().min(1, "is required").max(200),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("is not a valid email address")),
  company: z.string().trim().min(1, "is required").max(200),
  fields: z.record(z.string().max(64), z.string().max(2000)).optional(),
  /** Honeypot: hidden on the page, so only robots fill it in. */
  website: z.string().max(2000).optional(),
});
export type SignupBody = z.infer<typeof signupBody>;

/**
 * Validates `fields` against the pack: unknown keys, over-long text and values outside a
 * select's options are refused with the field's path, the same rules the page applies.
 */
export function checkSignupFields(pack: ProcessPack, fields: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const issues: { path: string[]; message: string }[] = [];
  const known = new Map(pack.signup.fields.map((f) => [f.key, f]));
  for (const [key, raw] of Object.entries(fields ?? {})) {
    const field = known.get(key);
    const value = raw.trim();
    if (!field) {
      issues.push({ path: ["body", "fields", key], message: `is not a signup field (known: ${[...known.keys()].join(", ")})` });
      continue;
    }
    if (value === "") continue;
    switch (field.type) {
      case "text":
        if (value.length > field.maxLength) issues.push({ path: ["body", "fields", key], message: `must be at most ${field.maxLength} characters` });
        else out[key] = value;
        break;
      case "select":
        if (!field.options.includes(value)) issues.push({ path: ["body", "fields", key], message: `must be one of: ${field.options.join(", ")}` });
        else out[key] = value;
        break;
      default: {
        const unreachable: never = field;
        throw new Error(`unknown signup field ${JSON.stringify(unreachable)}`);
      }
    }
  }
  const first = issues[0];
  if (first) throw new AppError("validation_failed", `${first.path.slice(1).join(".")}: ${first.message}.`, { details: { issues } });
  return out;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}
