import { sql, type RawBuilder } from "kysely";

/** The health report's filters: a segment, and a person in any seat of the account team. */
export interface HealthScope {
  segment?: string | undefined;
  /** AE, CE, TA, TPM or IE (the account list's owner filter). */
  ownerUserId?: string | undefined;
}

/**
 * The accounts the health report covers, over `accounts a`: the customer-success book (H1
 * in_book_at set; C2 attrition takes an account out of it) and not archived. Prospects in
 * `0. Prospect` are in the book and scored like any other account, so they count too.
 */
export function inBookScope(s: HealthScope): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`a.in_book_at is not null`, sql`a.archived_at is null`];
  if (s.segment) parts.push(sql`a.segment = ${s.segment}`);
  if (s.ownerUserId) {
    const o = s.ownerUserId;
    parts.push(sql`(a.ae_user_id = ${o} or a.ce_user_id = ${o} or a.ta_user_id = ${o} or a.tpm_user_id = ${o} or a.ie_user_id = ${o})`);
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** Scores are shown with one decimal, like the account's own score. */
export const oneDecimal = (n: number | string | null): number | null => (n === null ? null : Math.round(Number(n) * 10) / 10);
