import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { safeRedirect, sessionQuery } from "@/platform/auth";
import { AppLayout } from "@/platform/layout/AppLayout";
import { PageSkeleton, RouteError } from "@/platform/ui/RouteStates";
import { parseSearch, stringifySearch } from "@/platform/url-search";
import { queryClient } from "@/platform/query-client";
import { validateAccountSearch, validateAccountsSearch } from "@/pages/accounts/search";
import { validateAuditSearch } from "@/pages/audit/search";
import { validateChannelsSearch } from "@/pages/channels/search";
import { validateInstanceSearch, validateInstancesSearch } from "@/pages/instances/search";
import { validateLicensesSearch, validateSubscriptionSearch } from "@/pages/licenses/search";
import { validateOutboxSearch } from "@/pages/outbox/search";
import { validateReportsSearch } from "@/pages/reports/search";
import { validateRedAccountsSearch } from "@/pages/red-accounts/search";
import { validateRenewalsSearch } from "@/pages/renewals/search";
import { validateSettingsSearch } from "@/pages/settings/search";
import { validateSignInSearch } from "@/pages/sign-in/search";
import { validateTasksSearch } from "@/pages/tasks/search";
import { validateAccessRequestsSearch, validateRecordSearch, validateTrialsSearch } from "@/pages/trials/search";
import { NotFoundPage } from "@/pages/not-found/NotFoundPage";

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "sign-in",
  validateSearch: validateSignInSearch,
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: lazyRouteComponent(() => import("@/pages/sign-in/SignInPage"), "SignInPage"),
});

/** T1: the public trial signup, no sign-in. */
const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "signup",
  component: lazyRouteComponent(() => import("@/pages/signup/SignupPage"), "SignupPage"),
});

/** Everything behind sign-in. No session: go to sign-in, then come back here. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
    return { session };
  },
  component: AppLayout,
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/trials" });
  },
});

const page = <P extends string>(path: P, load: Parameters<typeof lazyRouteComponent>[0], name: string) =>
  createRoute({ getParentRoute: () => appRoute, path, component: lazyRouteComponent(load, name) });

/** Trials with one URL per tab (board, qualification, failed signups, access requests). */
const trialsRoute = page("trials", () => import("@/pages/trials/TrialsLayout"), "TrialsLayout");
const trialsTab = <P extends string>(path: P, load: Parameters<typeof lazyRouteComponent>[0], name: string) =>
  createRoute({ getParentRoute: () => trialsRoute, path, component: lazyRouteComponent(load, name) });
const trialsBoardRoute = createRoute({
  getParentRoute: () => trialsRoute,
  path: "/",
  validateSearch: validateTrialsSearch,
  component: lazyRouteComponent(() => import("@/pages/trials/TrialsBoard"), "TrialsBoard"),
});
const qualificationRoute = trialsTab("qualification", () => import("@/pages/leads/QualificationQueue"), "QualificationQueue");
const failedSignupsRoute = trialsTab("failed-signups", () => import("@/pages/trials/FailedSignups"), "FailedSignups");
const accessRequestsRoute = createRoute({
  getParentRoute: () => trialsRoute,
  path: "access-requests",
  validateSearch: validateAccessRequestsSearch,
  component: lazyRouteComponent(() => import("@/pages/access-requests/AccessRequests"), "AccessRequests"),
});
const trialRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "trials/$trialId",
  validateSearch: validateRecordSearch,
  component: lazyRouteComponent(() => import("@/pages/trials/TrialPage"), "TrialPage"),
});
const leadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "leads/$leadId",
  validateSearch: validateRecordSearch,
  component: lazyRouteComponent(() => import("@/pages/leads/LeadPage"), "LeadPage"),
});
const instancesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "instances",
  validateSearch: validateInstancesSearch,
  component: lazyRouteComponent(() => import("@/pages/instances/InstancesPage"), "InstancesPage"),
});

const instanceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "instances/$instanceId",
  validateSearch: validateInstanceSearch,
  component: lazyRouteComponent(() => import("@/pages/instances/InstancePage"), "InstancePage"),
});

const licensesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "licenses",
  validateSearch: validateLicensesSearch,
  component: lazyRouteComponent(() => import("@/pages/licenses/LicensesPage"), "LicensesPage"),
});

const subscriptionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "licenses/$subscriptionId",
  validateSearch: validateSubscriptionSearch,
  component: lazyRouteComponent(() => import("@/pages/licenses/SubscriptionPage"), "SubscriptionPage"),
});

const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "accounts",
  validateSearch: validateAccountsSearch,
  component: lazyRouteComponent(() => import("@/pages/accounts/AccountsPage"), "AccountsPage"),
});
const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "accounts/$accountId",
  validateSearch: validateAccountSearch,
  component: lazyRouteComponent(() => import("@/pages/accounts/AccountPage"), "AccountPage"),
});
/** Renewals with one URL per tab (pipeline, changes this week, Lighthouse); a renewal and a Lighthouse program have their own pages. */
/** S3: the red-accounts tracker list and one tracker. */
const redAccountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "red-accounts",
  validateSearch: validateRedAccountsSearch,
  component: lazyRouteComponent(() => import("@/pages/red-accounts/RedAccountsPage"), "RedAccountsPage"),
});
const redAccountRoute = page("red-accounts/$trackerId", () => import("@/pages/red-accounts/RedAccountPage"), "RedAccountPage");
const renewalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "renewals",
  validateSearch: validateRenewalsSearch,
  component: lazyRouteComponent(() => import("@/pages/renewals/RenewalsPage"), "RenewalsPage"),
});
const renewalsTab = <P extends string>(path: P, load: Parameters<typeof lazyRouteComponent>[0], name: string) =>
  createRoute({ getParentRoute: () => renewalsRoute, path, component: lazyRouteComponent(load, name) });
const renewalsPipelineRoute = renewalsTab("/", () => import("@/pages/renewals/PipelineTab"), "PipelineTab");
const renewalsChangesRoute = renewalsTab("changes", () => import("@/pages/renewals/ChangesTab"), "ChangesTab");
const renewalsLighthouseRoute = renewalsTab("lighthouse", () => import("@/pages/lighthouse/LighthouseTab"), "LighthouseTab");
const renewalRoute = page("renewals/$renewalId", () => import("@/pages/renewals/RenewalPage"), "RenewalPage");
const lighthouseRoute = page("lighthouse/$programId", () => import("@/pages/lighthouse/LighthousePage"), "LighthousePage");
/** Tasks with one URL per tab (board, my day, overdue, list); `?task=<id>` opens a task on any of them. */
const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "tasks",
  validateSearch: validateTasksSearch,
  component: lazyRouteComponent(() => import("@/pages/tasks/TasksPage"), "TasksPage"),
});
const tasksTab = <P extends string>(path: P, load: Parameters<typeof lazyRouteComponent>[0], name: string) =>
  createRoute({ getParentRoute: () => tasksRoute, path, component: lazyRouteComponent(load, name) });
const taskBoardRoute = tasksTab("/", () => import("@/pages/tasks/TaskBoard"), "TaskBoard");
const myDayRoute = tasksTab("my-day", () => import("@/pages/tasks/MyDay"), "MyDay");
const overdueTasksRoute = tasksTab("overdue", () => import("@/pages/tasks/OverdueTasks"), "OverdueTasks");
const taskListRoute = tasksTab("list", () => import("@/pages/tasks/TaskListTab"), "TaskListTab");
/** The link in task emails (/tasks/<id>) opens that task on the board. */
const taskLinkRoute = createRoute({
  getParentRoute: () => tasksRoute,
  path: "$taskId",
  beforeLoad: ({ params }) => {
    throw redirect({ to: "/tasks", search: { task: params.taskId } });
  },
});
const docRoute = page("docs/$docId", () => import("@/pages/docs/DocPage"), "DocPage");
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "reports",
  validateSearch: validateReportsSearch,
  component: lazyRouteComponent(() => import("@/pages/reports/ReportsPage"), "ReportsPage"),
});

const channelsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "channels",
  validateSearch: validateChannelsSearch,
  component: lazyRouteComponent(() => import("@/pages/channels/ChannelsPage"), "ChannelsPage"),
});
const channelRoute = page("channels/$channelId", () => import("@/pages/channels/ChannelPage"), "ChannelPage");

const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "outbox",
  validateSearch: validateOutboxSearch,
  component: lazyRouteComponent(() => import("@/pages/outbox/OutboxPage"), "OutboxPage"),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "audit",
  validateSearch: validateAuditSearch,
  component: lazyRouteComponent(() => import("@/pages/audit/AuditPage"), "AuditPage"),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "settings",
  validateSearch: validateSettingsSearch,
  component: lazyRouteComponent(() => import("@/pages/settings/SettingsLayout"), "SettingsLayout"),
});

/** /settings and /settings?tab=roles (older links, search results) land on the right tab. */
const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/",
  beforeLoad: ({ search }) => {
    const person = search.person ? { person: search.person } : {};
    if (search.tab === "roles") throw redirect({ to: "/settings/roles", search: person });
    if (search.tab === "integrations") throw redirect({ to: "/settings/integrations", search: person });
    if (search.tab === "usage") throw redirect({ to: "/settings/usage", search: person });
    throw redirect({ to: "/settings/team", search: person });
  },
});

const settingsTab = <P extends string>(path: P, load: Parameters<typeof lazyRouteComponent>[0], name: string) =>
  createRoute({ getParentRoute: () => settingsRoute, path, component: lazyRouteComponent(load, name) });

const teamRoute = settingsTab("team", () => import("@/pages/settings/team/TeamTab"), "TeamTab");
const rolesRoute = settingsTab("roles", () => import("@/pages/settings/roles/RolesTab"), "RolesTab");
const integrationsRoute = settingsTab("integrations", () => import("@/pages/settings/integrations/IntegrationsTab"), "IntegrationsTab");
const usageSettingsRoute = settingsTab("usage", () => import("@/pages/settings/usage/UsageTab"), "UsageTab");

const routeTree = rootRoute.addChildren([
  signInRoute,
  signupRoute,
  appRoute.addChildren([
    indexRoute,
    trialsRoute.addChildren([trialsBoardRoute, qualificationRoute, failedSignupsRoute, accessRequestsRoute]),
    trialRoute,
    leadRoute,
    instancesRoute,
    instanceRoute,
    licensesRoute,
    subscriptionRoute,
    accountsRoute,
    accountRoute,
    redAccountsRoute,
    redAccountRoute,
    renewalsRoute.addChildren([renewalsPipelineRoute, renewalsChangesRoute, renewalsLighthouseRoute]),
    renewalRoute,
    lighthouseRoute,
    tasksRoute.addChildren([taskBoardRoute, myDayRoute, overdueTasksRoute, taskListRoute, taskLinkRoute]),
    docRoute,
    reportsRoute,
    channelsRoute,
    channelRoute,
    outboxRoute,
    auditRoute,
    settingsRoute.addChildren([settingsIndexRoute, teamRoute, rolesRoute, integrationsRoute, usageSettingsRoute]),
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  parseSearch,
  stringifySearch,
  defaultPreload: "intent",
  defaultPendingComponent: PageSkeleton,
  defaultErrorComponent: RouteError,
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
