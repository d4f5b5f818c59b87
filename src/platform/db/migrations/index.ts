import type { Migration } from "kysely";
import * as m0001 from "./0001_platform.js";
import * as m0002 from "./0002_usage.js";
import * as m0003 from "./0003_trials.js";
import * as m0004 from "./0004_channel_message_keys.js";
import * as m0005 from "./0005_accounts.js";
import * as m0006 from "./0006_account_list_indexes.js";
import * as m0007 from "./0007_account_search.js";
import * as m0008 from "./0008_health.js";
import * as m0009 from "./0009_red_accounts_renewals.js";
import * as m0010 from "./0010_health_report_indexes.js";
import * as m0011 from "./0011_lean_health_history.js";
import * as m0012 from "./0012_outbox_stopped_index.js";
import * as m0013 from "./0013_outbox_keys.js";
import * as m0014 from "./0014_account_health.js";
import * as m0015 from "./0015_health_current.js";
import * as m0016 from "./0016_history_of_superseded_scores.js";
import * as m0017 from "./0017_usage_window_indexes.js";

/**
 * Every migration, in order. Forward-only: there are no down migrations; a fix is a new
 * migration. Names sort in apply order. Add new ones at the end.
 */
export const migrations: Record<string, Migration> = {
  "0001_platform": m0001,
  "0002_usage": m0002,
  "0003_trials": m0003,
  "0004_channel_message_keys": m0004,
  "0005_accounts": m0005,
  "0006_account_list_indexes": m0006,
  "0007_account_search": m0007,
  "0008_health": m0008,
  "0009_red_accounts_renewals": m0009,
  "0010_health_report_indexes": m0010,
  "0011_lean_health_history": m0011,
  "0012_outbox_stopped_index": m0012,
  "0013_outbox_keys": m0013,
  "0014_account_health": m0014,
  "0015_health_current": m0015,
  "0016_history_of_superseded_scores": m0016,
  "0017_usage_window_indexes": m0017,
};
