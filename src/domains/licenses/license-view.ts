import type { LicenseRow } from "./schema.js";

const DAY_MS = 86_400_000;

export interface LicenseView {
  id: string;
  subscriptionId: string;
  keyId: string;
  licensee: string;
  /** 0 = unlimited. */
  userCount: number;
  tags: string[];
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  /** Not secret (signed, not encrypted): customers install it, anyone may verify it. */
  licenseKey: string;
  expired: boolean;
  /** Whole days until expiry, rounded up (0 or less once expired). */
  expiresInDays: number;
}

export type LicenseFields = Pick<LicenseRow, "id" | "subscription_id" | "key_id" | "licensee" | "user_count" | "tags" | "expires_at" | "created_at" | "created_by" | "license_key">;

export function licenseView(row: LicenseFields, now: Date): LicenseView {
  const left = row.expires_at.getTime() - now.getTime();
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    keyId: row.key_id,
    licensee: row.licensee,
    userCount: row.user_count,
    tags: row.tags,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    licenseKey: row.license_key,
    expired: left <= 0,
    expiresInDays: Math.ceil(left / DAY_MS),
  };
}

/** Expiring soon: not expired yet, and expiring within the window (X: 7 days). */
export const isExpiringSoon = (l: LicenseView, days: number): boolean => !l.expired && l.expiresInDays <= days;
