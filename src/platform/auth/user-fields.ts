import { AppError } from "../errors/app-error.js";
import { ROLES, type Role } from "../pack/pack-schema.js";

/**
 * Validation of user and token fields, shared by the use cases so every entry point
 * (HTTP, CLI, first start) refuses the same bad input with the same message.
 */
const invalid = (field: string, message: string): AppError =>
  new AppError("validation_failed", message, { details: { field } });

/** Emails are compared lowercased and trimmed: "Ada@X.com " and "ada@x.com" are one account. */
export const normaliseEmail = (raw: string): string => raw.trim().toLowerCase();

/** 254 is the longest address SMTP can carry (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export function validEmail(raw: string): string {
  const email = normaliseEmail(raw);
  if (email.length === 0) throw invalid("email", "Email is required.");
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email)) {
    throw invalid("email", `Email "${raw.trim()}" is not a valid address (expected name@example.com).`);
  }
  return email;
}

export function validName(raw: string, field = "name", max = 200): string {
  const name = raw.trim();
  if (name.length === 0) throw invalid(field, `${capitalise(field)} is required.`);
  if (name.length > max) throw invalid(field, `${capitalise(field)} must be at most ${max} characters long.`);
  return name;
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export function validRole(raw: string): Role {
  if (!isRole(raw)) throw invalid("role", `Role "${raw}" is not one of: ${ROLES.join(", ")}.`);
  return raw;
}

/** A booking link (for CEs) is shown to customers, so only https is accepted. */
export function validBookingUrl(raw: string | null): string | null {
  if (raw === null || raw.trim() === "") return null;
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid("bookingUrl", `Booking URL "${text}" is not a URL (expected https://…).`);
  }
  if (url.protocol !== "https:") throw invalid("bookingUrl", "Booking URL must start with https://.");
  if (text.length > 2000) throw invalid("bookingUrl", "Booking URL must be at most 2000 characters long.");
  return url.toString();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
