import type { Transaction } from "kysely";
import type { AppContext } from "../../../platform/app/context.js";
import { appUrl } from "../../../platform/app/app-url.js";
import type { Database } from "../../../platform/db/database.js";
import { activeUser } from "../recipients.js";
import { dayText, type TrialRecords } from "./lock-trial.js";

export const trialLink = (ctx: AppContext, trialId: string): string => appUrl(ctx.config, `/trials/${trialId}`);
export const leadLink = (ctx: AppContext, leadId: string): string => appUrl(ctx.config, `/leads/${leadId}`);

// A type alias (not an interface) so it stays assignable to the template's Record of variables.
export type TrialVars = {
  name: string;
  adminName: string;
  adminEmail: string;
  requesterName: string;
  email: string;
  company: string;
  slug: string;
  instanceUrl: string;
  trialUrl: string;
  leadUrl: string;
  checklistUrl: string;
  bookingUrl: string;
  ceName: string;
  trialEndsOn: string;
  handedOffOn: string;
};

/**
 * The variables every lifecycle email may use. One shared set, so a pack can write its own
 * onboarding steps with any of them (renderTemplate refuses a variable without a value).
 */
export async function trialVars(trx: Transaction<Database>, ctx: AppContext, r: TrialRecords): Promise<TrialVars> {
  const pack = ctx.packs.current();
  const ce = await activeUser(trx, r.lead.ce_user_id);
  const trialUrl = trialLink(ctx, r.trial.id);
  return {
    name: r.trial.admin_name,
    adminName: r.trial.admin_name,
    adminEmail: r.trial.admin_email,
    requesterName: r.lead.name,
    email: r.lead.email,
    company: r.trial.company,
    slug: r.trial.slug,
    // A handed-off trial has its URL; the Trellis page stands in for a half-set-up record.
    instanceUrl: r.instance?.url ?? trialUrl,
    trialUrl,
    leadUrl: leadLink(ctx, r.lead.id),
    checklistUrl: pack.trials.onboardingChecklistUrl,
    bookingUrl: ce?.booking_url ?? pack.trials.defaultBookingUrl,
    ceName: ce?.name ?? pack.roles.ce.label,
    trialEndsOn: r.trial.ends_at ? dayText(r.trial.ends_at) : "",
    handedOffOn: r.trial.handed_off_at ? dayText(r.trial.handed_off_at) : "",
  };
}
