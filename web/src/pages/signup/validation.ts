import type { SignupField } from "@/pages/signup/api";

/** The API's rules (src/domains/trials/signup-input.ts), repeated so the form can say what is wrong while typing. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
export const LIMITS = { name: 200, email: 254, company: 200 } as const;

export type SignupValues = { name: string; email: string; company: string; fields: Record<string, string> };

/** Error keys: "name", "email", "company", "fields.<key>" (the API's path without "body"). */
export function validateSignup(values: SignupValues, fields: readonly SignupField[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = (key: "name" | "company", label: string) => {
    const v = values[key].trim();
    if (!v) errors[key] = `${label} is required.`;
    else if (v.length > LIMITS[key]) errors[key] = `${label} must be at most ${LIMITS[key]} characters.`;
  };
  required("name", "Your name");
  required("company", "Company");
  const email = values.email.trim();
  if (!email) errors.email = "Your work email is required.";
  else if (!EMAIL.test(email) || email.length > LIMITS.email) errors.email = "Enter an email address like name@company.com.";
  for (const f of fields) {
    const v = (values.fields[f.key] ?? "").trim();
    if (!v) continue;
    if (f.type === "text" && f.maxLength !== undefined && v.length > f.maxLength) errors[`fields.${f.key}`] = `At most ${f.maxLength} characters.`;
    if (f.type === "select" && !f.options.includes(v)) errors[`fields.${f.key}`] = `Choose one of: ${f.options.join(", ")}.`;
  }
  return errors;
}

/** "Retry in 42 s", "Retry in 3 min". */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
