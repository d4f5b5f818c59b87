import { oneOf, optionalString } from "@/platform/url-search";
import { RED_STATUSES, type RedStatus } from "@/pages/red-accounts/api";

/** The red-accounts list in the URL: status (open by default), account-team owner, page. */
export interface RedAccountsSearch {
  status?: RedStatus;
  owner?: string;
  page?: number;
}

export function validateRedAccountsSearch(raw: Record<string, unknown>): RedAccountsSearch {
  const out: RedAccountsSearch = {};
  const status = oneOf(raw.status, RED_STATUSES);
  if (status && status !== "open") out.status = status;
  const owner = optionalString(raw.owner);
  if (owner) out.owner = owner;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1) out.page = page;
  return out;
}
