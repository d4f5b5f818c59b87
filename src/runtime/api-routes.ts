import type { AppContext } from "../platform/app/context.js";
import type { RouteModule } from "../platform/http/server.js";
import { metaRoutes } from "../platform/app/meta-routes.js";
import { peopleSearch } from "../platform/search/search.js";
import { sessionRoutes } from "../platform/auth/session-routes.js";
import { userRoutes } from "../platform/auth/user-routes.js";
import { timelineRoutes } from "../platform/timeline/routes.js";
import { clockRoutes } from "../platform/scheduler/clock-routes.js";
import { allRules } from "./rules.js";
import { outboxRoutes } from "../platform/outbox/routes.js";
import { integrationRoutes } from "../integrations/routes.js";
import { instanceRoutes } from "../domains/instances/routes.js";
import { ingestRoutes } from "../domains/usage/ingest-routes.js";
import { usageSettingsRoutes } from "../domains/usage/routes.js";
import { reportRoutes } from "../domains/reports/routes.js";
import { channelRoutes } from "../domains/channels/routes.js";
import { licenseRoutes } from "../domains/licenses/routes.js";
import { lifecycleRoutes } from "../domains/trials/lifecycle/routes.js";
import { trialRoutes } from "../domains/trials/routes.js";
import { leadSearch } from "../domains/trials/lead-search.js";
import { instanceSearch } from "../domains/instances/instance-search.js";
import { accountRoutes } from "../domains/accounts/routes.js";
import { accountSearch } from "../domains/accounts/account-search.js";
import { publicTrialRoutes } from "../domains/trials/public-routes.js";
import { provisioningCallbackRoutes } from "../domains/trials/provisioning-callback.js";
import { taskRoutes } from "../domains/tasks/routes.js";
import { taskSearch } from "../domains/tasks/task-search.js";
import { docRoutes } from "../domains/docs/routes.js";
import { handoffRoutes } from "../domains/handoff/routes.js";
import { stageRoutes } from "../domains/lifecycle/routes.js";
import { healthRoutes } from "../domains/health/routes.js";
import { ticketRoutes } from "../domains/tickets/routes.js";
import { inboundTicketRoutes } from "../domains/tickets/inbound-routes.js";
import { ticketImportRoutes } from "../domains/tickets/import-routes.js";
import { activityRoutes } from "../domains/activities/routes.js";
import { redAccountRoutes } from "../domains/red-accounts/routes.js";
import { lighthouseRoutes, renewalRoutes } from "../domains/renewals/routes.js";

export interface ApiServices {
  /** Drains this process's outbox (when it runs workers) after each simulated-time step. */
  afterClockStep?: (now: Date) => Promise<void>;
}

/** Every API route module, platform first, then domains. */
export function apiRoutes(ctx: AppContext, services: ApiServices = {}): RouteModule[] {
  return [
    metaRoutes(ctx, [peopleSearch, leadSearch, instanceSearch, accountSearch, taskSearch]),
    sessionRoutes(ctx),
    userRoutes(ctx),
    timelineRoutes(ctx),
    outboxRoutes(ctx),
    integrationRoutes(ctx),
    instanceRoutes(ctx),
    usageSettingsRoutes(ctx),
    ingestRoutes(ctx),
    reportRoutes(ctx),
    channelRoutes(ctx),
    licenseRoutes(ctx),
    lifecycleRoutes(ctx),
    trialRoutes(ctx),
    publicTrialRoutes(ctx),
    provisioningCallbackRoutes(ctx),
    accountRoutes(ctx),
    taskRoutes(ctx),
    docRoutes(ctx),
    handoffRoutes(ctx),
    stageRoutes(ctx),
    healthRoutes(ctx),
    ticketRoutes(ctx),
    inboundTicketRoutes(ctx),
    ticketImportRoutes(ctx),
    activityRoutes(ctx),
    redAccountRoutes(ctx),
    renewalRoutes(ctx),
    lighthouseRoutes(ctx),
    clockRoutes(ctx, { registry: allRules(), ...(services.afterClockStep ? { afterStep: services.afterClockStep } : {}) }),
  ];
}
