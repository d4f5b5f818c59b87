import { useState, type ChangeEvent } from "react";
import { isApiError } from "@/platform/api";

/**
 * Small form state: validates as you type (a field shows its error once changed, every
 * field after a submit attempt) and puts the API's field errors on the field they name.
 */

export type Validator<V, K extends keyof V> = (value: V[K], values: V) => string | null;
export type Validators<V> = { [K in keyof V]?: Validator<V, K> };
type Errors<V> = Partial<Record<keyof V, string>>;

export function useForm<V extends Record<string, unknown>>(initial: V, validators: Validators<V>) {
  const [values, setValues] = useState<V>(initial);
  const [touched, setTouched] = useState<Partial<Record<keyof V, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Errors<V>>({});
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const clientErrors: Errors<V> = {};
  for (const key of Object.keys(validators) as (keyof V)[]) {
    const check = validators[key];
    const message = check ? check(values[key], values) : null;
    if (message) clientErrors[key] = message;
  }

  const errorOf = (field: keyof V): string | undefined =>
    serverErrors[field] ?? (touched[field] || submitted ? clientErrors[field] : undefined);

  const setField = <K extends keyof V>(field: K, value: V[K]): void => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => ({ ...t, [field]: true }));
    setServerErrors((e) => {
      if (!(field in e)) return e;
      const next = { ...e };
      delete next[field];
      return next;
    });
    setFormError(null);
  };

  /** Props for a text-like Mantine input bound to a string field. */
  const text = (field: keyof V & string) => ({
    name: field,
    value: String(values[field] ?? ""),
    onChange: (e: ChangeEvent<HTMLInputElement>) => setField(field, e.currentTarget.value as V[typeof field]),
    error: errorOf(field),
  });

  /** Marks the attempt; true when there are no client-side errors. */
  const validate = (): boolean => {
    setSubmitted(true);
    return Object.keys(clientErrors).length === 0;
  };

  /**
   * Puts an API error on the fields its details name (validation issues, or details.field);
   * anything not tied to a field becomes the form-level message.
   */
  const applyApiError = (error: unknown, fallback: string): void => {
    if (!isApiError(error)) {
      setFormError(error instanceof Error ? error.message : fallback);
      return;
    }
    const next: Errors<V> = {};
    const unplaced: string[] = [];
    for (const issue of error.issues) {
      const field = issue.path[0];
      if (field !== undefined && field in values) next[field as keyof V] ??= issue.message;
      else unplaced.push(issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message);
    }
    const named = (error.details as { field?: unknown } | null | undefined)?.field;
    if (typeof named === "string" && named in values && !(named in next)) next[named as keyof V] = error.message;
    setServerErrors(next);
    if (Object.keys(next).length === 0) setFormError(error.message);
    else setFormError(unplaced.length ? unplaced.join(" ") : null);
  };

  const reset = (to: V = initial): void => {
    setValues(to);
    setTouched({});
    setServerErrors({});
    setSubmitted(false);
    setFormError(null);
  };

  return { values, setField, text, errorOf, validate, applyApiError, formError, reset };
}

/** Same shape the server checks (src/platform/auth/user-fields.ts). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const MAX_EMAIL = 254;

/** The API's rules, repeated here so forms can say what is wrong before sending. */
export const rules = {
  required:
    (what: string, max?: number) =>
    (value: unknown): string | null => {
      const v = typeof value === "string" ? value.trim() : "";
      if (!v) return `${what} is required.`;
      return max !== undefined && v.length > max ? `${what} must be at most ${max} characters long.` : null;
    },
  email: (value: unknown): string | null => {
    const v = typeof value === "string" ? value.trim() : "";
    if (!v) return "Email is required.";
    return EMAIL.test(v) && v.length <= MAX_EMAIL ? null : "Enter an email address like name@company.com.";
  },
  url: (value: unknown): string | null => {
    const v = typeof value === "string" ? value.trim() : "";
    if (!v) return "URL is required.";
    return isHttpUrl(v) ? null : "Enter a full URL starting with https:// or http://.";
  },
  /** Links shown to customers: https only. */
  optionalHttpsUrl: (value: unknown): string | null => {
    const v = typeof value === "string" ? value.trim() : "";
    if (!v) return null;
    if (!isHttpUrl(v)) return "Enter a full URL, like https://cal.example.com/jane.";
    return v.startsWith("https://") ? null : "Use an https:// link: it is shown to customers.";
  },
};

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}
