import { AppError } from "../../platform/errors/app-error.js";
import type { AccountRow } from "../accounts/schema.js";

/** Archived accounts are history: hand-off and lifecycle actions refuse them (409). */
export function refuseArchived(account: Pick<AccountRow, "id" | "archived_at">): void {
  if (account.archived_at !== null) {
    throw new AppError("invalid_state", `Account ${account.id} is archived.`, { details: { archivedAt: account.archived_at.toISOString() } });
  }
}

/** Stages exist only in the customer-success book (H1 puts an account there). */
export function requireInBook(account: Pick<AccountRow, "id" | "in_book_at">): void {
  if (account.in_book_at === null) {
    throw new AppError("invalid_state", `Account ${account.id} is not in the customer-success book yet: set its TA support level first (H1).`, {
      details: { inBook: false },
    });
  }
}
