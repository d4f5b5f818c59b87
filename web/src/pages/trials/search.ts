import { oneOf, optionalString } from "@/platform/url-search";
import { TRIAL_STATES, type TrialState } from "@/pages/trials/api";

/** The board in the URL (`/trials?state=running&owner=me&q=acme&closed=1`), shareable by link. */
export interface TrialsSearch {
  state?: TrialState;
  owner?: "me";
  q?: string;
  /** "1": show converted, terminated and cancelled trials too. */
  closed?: "1";
}

export function validateTrialsSearch(raw: Record<string, unknown>): TrialsSearch {
  const out: TrialsSearch = {};
  const state = oneOf(raw.state, TRIAL_STATES);
  if (state) out.state = state;
  if (oneOf(raw.owner, ["me"] as const)) out.owner = "me";
  const q = optionalString(raw.q);
  if (q) out.q = q.slice(0, 200);
  if (oneOf(typeof raw.closed === "number" ? String(raw.closed) : raw.closed, ["1"] as const)) out.closed = "1";
  return out;
}

/** A record page's timeline filter: `/trials/<id>?kind=trial.assigned`. */
export interface RecordSearch {
  kind?: string;
}

export function validateRecordSearch(raw: Record<string, unknown>): RecordSearch {
  const kind = optionalString(raw.kind);
  return kind ? { kind } : {};
}

/** Access requests by status: `/trials/access-requests?status=granted`. */
export const ACCESS_REQUEST_STATUSES = ["open", "granted", "declined"] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

export interface AccessRequestsSearch {
  status?: AccessRequestStatus;
}

export function validateAccessRequestsSearch(raw: Record<string, unknown>): AccessRequestsSearch {
  const status = oneOf(raw.status, ACCESS_REQUEST_STATUSES);
  return status ? { status } : {};
}
