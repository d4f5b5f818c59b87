import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";

export const RED_ACCOUNT_SUBJECT = "red_account";

/** The tracker's page in the web app (emails, channel posts). */
export const trackerUrl = (ctx: Pick<AppContext, "config">, trackerId: string): string =>
  appUrl(ctx.config, `/red-accounts/${encodeURIComponent(trackerId)}`);
