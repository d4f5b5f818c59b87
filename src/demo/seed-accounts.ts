import { performance } from "node:perf_hooks";
import type { AppContext } from "../platform/app/context.js";
import { contactsUntaggedRule } from "../domains/handoff/rules/contacts-untagged.js";
import { handoffPlaybookRule } from "../domains/handoff/rules/handoff-playbook.js";
import { supportLevelReminderRule } from "../domains/handoff/rules/support-level-reminder.js";
import { taAssignmentRule } from "../domains/handoff/rules/ta-assignment.js";
import { onboardingTargetRule } from "../domains/lifecycle/rules.js";
import { DemoBook } from "./demo-book.js";

export interface SeedAccountsResult {
  /** Accounts added by this run. */
  accounts: number;
  /** True when every demo account was already there. */
  skipped: boolean;
  ms: number;
}

/** One account of the demo book: its CRM id (the idempotency marker) and its story. */
interface DemoAccount {
  crmId: string;
  play(b: DemoBook): Promise<void>;
}

/** H3: the CE's hand-off task (the playbook's source) is done a few days after it appears. */
const HANDOFF_SOURCE = "H3.handoff";
/** H5: the managed-cloud production instance request (a cloud-ops task). */
const CLOSE_SOURCE = "H5.close";

async function completeRuleTask(b: DemoBook, when: number, by: string, accountId: string, source: string): Promise<void> {
  const task = await b.ruleTask(accountId, source);
  if (task) await b.moveTask(when, by, task, "completed");
}

/**
 * The pre-sales part every customer went through: in the book at the support level (H1), a TA
 * (H3) and, when `playbook`, the hand-off playbook's Handoff Doc and the CE's task, done.
 */
async function handOff(b: DemoBook, accountId: string, closedAgo: number, o: { level: number; ce: string; playbook: boolean }): Promise<void> {
  const h = b.pack.handoff;
  await b.setSupportLevel(-(closedAgo + h.supportLevelDaysBeforeClose + 1), "diane", accountId, o.level);
  await b.assignTa(-(closedAgo + h.taAssignDaysBeforeClose + 1), "diane", accountId, "tomas");
  if (!o.playbook) return;
  await b.tick(-(closedAgo + h.taAssignDaysBeforeClose), accountId, handoffPlaybookRule);
  await completeRuleTask(b, -(closedAgo + h.taAssignDaysBeforeClose - 4), o.ce, accountId, HANDOFF_SOURCE);
}

/**
 * Ten accounts showing every part of the customer book: prospects before and after H1 and H3,
 * customers in each lifecycle stage (one held by a manual override), managed cloud and
 * self-hosted, an attrited one, contacts with roles (and one closed account without any), a
 * kickoff plan, a Handoff Doc edited by its CE, and user tasks in every board column.
 * Distances are the pack's (a prospect "5 days before H1" is 50 days from close by default).
 */
const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    // Not in the book yet: the H1 reminder to set a support level is 5 days away.
    crmId: "DEMO-CRM-1001",
    async play(b) {
      const closeIn = b.pack.handoff.supportLevelDaysBeforeClose + 5;
      const id = await b.createAccount(-21, "ravi", {
        name: "Northwind Traders",
        domains: ["northwind.example"],
        crmId: this.crmId,
        expectedCloseDate: b.day(closeIn),
        developers: 180,
        arr: 60_000,
        seats: 120,
        deployment: "self_hosted",
        ae: "jordan",
        ce: "carlos",
      });
      await b.addContacts(-20, "jordan", id, "northwind.example", [
        { name: "Nina Park", title: "Director of Developer Experience", roles: ["Champion"] },
        { name: "Felix Grant", title: "CTO", roles: ["Executive", "Economic Buyer"] },
      ]);
      await b.task(-6, "jordan", id, { title: "Send Northwind the deployment options and the security pack", assignee: "jordan", dueIn: 2 });
      await b.task(-4, "carlos", id, { title: "Demo code search on Northwind's monorepo", assignee: "carlos", dueIn: -1, status: "in_progress" });
    },
  },
  {
    // In the book (H1, 0. Prospect, segmented Strategic) after the reminder; no TA yet.
    crmId: "DEMO-CRM-1002",
    async play(b) {
      const h = b.pack.handoff;
      const closeIn = h.supportLevelDaysBeforeClose - 5;
      const id = await b.createAccount(-30, "ravi", {
        name: "Massive Dynamic",
        domains: ["massivedynamic.example"],
        crmId: this.crmId,
        strategic: true,
        expectedCloseDate: b.day(closeIn),
        developers: 2_600,
        arr: 420_000,
        seats: 2_000,
        deployment: "self_hosted",
        ae: "mei",
        ce: "hannah",
      });
      await b.addContacts(-28, "mei", id, "massivedynamic.example", [
        { name: "Nina Sharp", title: "COO", roles: ["Executive", "Economic Buyer"] },
        { name: "Walter Bishop", title: "Principal Engineer", roles: ["Champion"] },
        { name: "Astrid Farnsworth", title: "Platform Lead", roles: ["Deal Contact"] },
      ]);
      await b.task(-6, "hannah", id, { title: "First pass of Massive Dynamic's security questionnaire from the answer bank", assignee: "hannah", dueIn: -2, status: "in_progress" });
      await b.tick(closeIn - h.supportLevelDaysBeforeClose, id, supportLevelReminderRule);
      await b.setSupportLevel(closeIn - h.supportLevelDaysBeforeClose + 1, "diane", id, 0);
      await b.task(-3, "mei", id, { title: "Pricing proposal for 2,600 developers", assignee: "mei", dueIn: 4 });
    },
  },
  {
    // H3: TA assigned after the reminder; the playbook made the Handoff Doc, which the CE filled in (version 2).
    crmId: "DEMO-CRM-1003",
    async play(b) {
      const h = b.pack.handoff;
      const closeIn = h.taAssignDaysBeforeClose - 5;
      const id = await b.createAccount(-40, "ravi", {
        name: "Aperture Science",
        domains: ["aperture.example"],
        crmId: this.crmId,
        expectedCloseDate: b.day(closeIn),
        developers: 450,
        arr: 140_000,
        seats: 400,
        deployment: "cloud_managed",
        ae: "jordan",
        ce: "carlos",
      });
      await b.addContacts(-38, "jordan", id, "aperture.example", [
        { name: "Cave Johnson", title: "CEO", roles: ["Executive"] },
        { name: "Caroline Reed", title: "VP Engineering", roles: ["Economic Buyer", "Champion"] },
        { name: "Doug Rattmann", title: "Staff Engineer", roles: ["End User"] },
      ]);
      await b.setSupportLevel(closeIn - h.supportLevelDaysBeforeClose - 1, "diane", id, 1);
      await b.task(-7, "carlos", id, { title: "Aperture Science POC: success criteria sign-off", assignee: "carlos", dueIn: 3, status: "under_review" });
      await b.tick(closeIn - h.taAssignDaysBeforeClose, id, taAssignmentRule);
      await b.assignTa(-3, "diane", id, "tomas");
      await b.tick(-3, id, handoffPlaybookRule);
      const ceTask = await b.ruleTask(id, HANDOFF_SOURCE);
      if (ceTask) await b.moveTask(-2, "carlos", ceTask, "in_progress");
      await b.fillDoc(-1, "carlos", id, "handoff", [
        { placeholder: "Code hosts, repositories, languages, teams and where they are located.", text: "GitHub Enterprise (1,900 repositories) and a Perforce depot for the test chambers; Go, C++ and Python; teams in Cleveland and Montréal." },
        { placeholder: "Why they bought; who the champion and the economic buyer are.", text: "Cut the time to find the owner of a failing test from hours to minutes. Champion: Caroline Reed (VP Engineering), who also holds the budget." },
        { placeholder: "Deployment method, security review notes, integrations, open risks.", text: "Managed cloud; security review passed with one open item (SAML group sync). Risk: the Perforce depot needs the remote extension." },
        { placeholder: "Date, attendees (CE, AE, TA, IE when involved), open questions.", text: "Knowledge transfer booked for next Tuesday with Tomas (TA) and Jordan (AE)." },
      ]);
    },
  },
  {
    // Closed this week on managed cloud: cloud ops' production instance request is open; the kickoff plan made the TA's tasks.
    crmId: "DEMO-CRM-1004",
    async play(b) {
      const closedAgo = 4;
      const id = await b.createAccount(-(closedAgo + 70), "ravi", {
        name: "Oscorp Industries",
        domains: ["oscorp.example"],
        crmId: this.crmId,
        expectedCloseDate: b.day(-closedAgo),
        developers: 700,
        arr: 260_000,
        seats: 600,
        deployment: "cloud_managed",
        ae: "mei",
        ce: "hannah",
      });
      await b.addContacts(-(closedAgo + 68), "mei", id, "oscorp.example", [
        { name: "Norman Osborn", title: "CEO", roles: ["Executive", "Economic Buyer"] },
        { name: "Harry Osborn", title: "Director of Engineering", roles: ["Champion", "Program Contact"] },
      ]);
      await handOff(b, id, closedAgo, { level: 0, ce: "hannah", playbook: true });
      await b.close(-closedAgo, "mei", id, { contractEnd: b.day(365 - closedAgo), arr: 260_000, seats: 600, deployment: "cloud_managed", adminEmail: "otto.octavius@oscorp.example" });
      await b.addContacts(-(closedAgo - 1), "tomas", id, "oscorp.example", [{ name: "Otto Octavius", title: "Platform Admin", roles: ["Instance Admin"] }]);
      await b.task(-3, "tomas", id, { title: "Send Oscorp the onboarding checklist and the kickoff agenda", assignee: "tomas", dueIn: -1, status: "completed" });
      await b.kickoff(-1, "tomas", id, 30, "Help migrating their saved searches and code monitors from the old tool");
    },
  },
  {
    // Closed two weeks ago and no contact has a role: the H5 untagged-contacts alert fired.
    crmId: "DEMO-CRM-1005",
    async play(b) {
      const tagWithin = b.pack.accounts.contactsTaggedWithinDays;
      const closedAgo = tagWithin + 9;
      const id = await b.createAccount(-(closedAgo + 60), "ravi", {
        name: "Gringotts Bank",
        domains: ["gringotts.example"],
        crmId: this.crmId,
        expectedCloseDate: b.day(-closedAgo),
        developers: 150,
        arr: 45_000,
        seats: 120,
        deployment: "self_hosted",
        ae: "jordan",
        ce: "carlos",
      });
      await handOff(b, id, closedAgo, { level: 2, ce: "carlos", playbook: true });
      await b.close(-closedAgo, "jordan", id, { contractEnd: b.day(365 - closedAgo), arr: 45_000, seats: 120, deployment: "self_hosted" });
      await b.addContacts(-(closedAgo - 1), "jordan", id, "gringotts.example", [
        { name: "Griphook Sharpclaw", title: "Head of IT Security", roles: [] },
        { name: "Bogrod Ironhand", title: "Platform Engineer", roles: [] },
      ]);
      await b.tick(-(closedAgo - tagWithin), id, contactsUntaggedRule);
      await b.task(-(closedAgo - tagWithin - 1), "ravi", id, { title: "Tag Gringotts Bank's contacts with their roles", assignee: "ravi", dueIn: -2 });
    },
  },
  {
    // Onboarding ended a month ago under target (L2 flag): 2. Adopting, its instance used by under half the seats.
    crmId: "DEMO-CRM-1006",
    async play(b) {
      const onboarding = b.pack.lifecycle.onboardingDays;
      const closedAgo = onboarding + 30;
      const id = await b.createAccount(-(closedAgo + 60), "ravi", {
        name: "Initech",
        domains: ["initech.com"],
        crmId: this.crmId,
        expectedCloseDate: b.day(-closedAgo),
        developers: 450,
        arr: 180_000,
        seats: 400,
        deployment: "self_hosted",
        ae: "jordan",
        ce: "hannah",
      });
      await b.addContacts(-(closedAgo + 55), "jordan", id, "initech.com", [
        { name: "Dom Portwood", title: "VP Engineering", roles: ["Economic Buyer"] },
        { name: "Michael Bolton", title: "Engineering Manager", roles: ["Champion", "Program Contact"] },
        { name: "Samir Nagheenanajar", title: "Software Engineer", roles: ["End User"] },
      ]);
      await handOff(b, id, closedAgo, { level: 1, ce: "hannah", playbook: false });
      await b.close(-closedAgo, "jordan", id, { contractEnd: b.day(365 - closedAgo), arr: 180_000, seats: 400, deployment: "self_hosted" });
      await b.mapInstance(-(closedAgo - 3), "tomas", id, "initech");
      await b.tick(-(closedAgo - onboarding), id, onboardingTargetRule);
      await b.task(-10, "tomas", id, { title: "Adoption plan with Michael Bolton: MAU per seat is under target", assignee: "tomas", dueIn: -3, status: "in_progress" });
      await b.task(-5, "lena", id, { title: "Review Initech's open support tickets before the check-in", assignee: "lena", dueIn: 1, status: "under_review" });
    },
  },
  {
    // Its usage meets both targets (computed 3. Nurturing), but the TA holds it at 2. Adopting by hand (who, why, when kept).
    crmId: "DEMO-CRM-1007",
    async play(b) {
      const onboarding = b.pack.lifecycle.onboardingDays;
      const closedAgo = onboarding + 15;
      const id = await b.createAccount(-(closedAgo + 50), "ravi", {
        name: "Hooli",
        domains: ["hooli.com"],
        crmId: this.crmId,
        expectedCloseDate: b.day(-closedAgo),
        developers: 90,
        arr: 40_000,
        seats: 80,
        deployment: "self_hosted",
        ae: "mei",
        ce: "carlos",
      });
      await b.addContacts(-(closedAgo + 45), "mei", id, "hooli.com", [
        { name: "Gavin Belson", title: "CEO", roles: ["Executive", "Economic Buyer"] },
        { name: "Nelson Bighetti", title: "Engineering Lead", roles: ["Champion", "Instance Admin"] },
      ]);
      await handOff(b, id, closedAgo, { level: 2, ce: "carlos", playbook: false });
      await b.close(-closedAgo, "mei", id, { contractEnd: b.day(365 - closedAgo), arr: 40_000, seats: 80, deployment: "self_hosted" });
      await b.mapInstance(-(closedAgo - 3), "tomas", id, "hooli");
      await b.tick(-(closedAgo - onboarding), id, onboardingTargetRule);
      await b.overrideStage(-(closedAgo - onboarding - 1), "tomas", id, "adopting", "Usage counts only the pilot team; the company-wide rollout starts next quarter");
      await b.task(-(closedAgo - onboarding - 1), "tomas", id, { title: "Plan Hooli's company-wide rollout with Nelson", assignee: "tomas", dueIn: 5 });
    },
  },
  {
    // Renewal within the renewing window (4. Renewing) on managed cloud; usage declining.
    crmId: "DEMO-CRM-1008",
    async play(b) {
      const l = b.pack.lifecycle;
      const renewIn = l.renewingDaysBeforeRenewal - 45;
      const closedAgo = 365 - renewIn;
      const id = await b.createAccount(-(closedAgo + 60), "ravi", {
        name: "Umbrella Corporation",
        domains: ["umbrella-corp.com"],
        crmId: this.crmId,
        expectedCloseDate: b.day(-closedAgo),
        developers: 1_800,
        arr: 310_000,
        seats: 300,
        deployment: "cloud_managed",
        ae: "mei",
        ce: "hannah",
      });
      await b.addContacts(-(closedAgo + 50), "mei", id, "umbrella-corp.com", [
        { name: "Albert Wesker", title: "CTO", roles: ["Executive", "Economic Buyer"] },
        { name: "Jill Valentine", title: "Platform Engineering Lead", roles: ["Champion", "Instance Admin"] },
        { name: "Ada Wong", title: "Procurement", roles: ["Deal Contact"] },
      ]);
      await handOff(b, id, closedAgo, { level: 0, ce: "hannah", playbook: false });
      await b.close(-closedAgo, "mei", id, { contractEnd: b.day(renewIn), arr: 310_000, seats: 300, deployment: "cloud_managed", adminEmail: "jill.valentine@umbrella-corp.com" });
      await completeRuleTask(b, -(closedAgo - 6), "omar", id, CLOSE_SOURCE);
      await b.tick(-(closedAgo - l.onboardingDays), id, onboardingTargetRule);
      await b.mapInstance(-115, "omar", id, "umbrella");
      await b.tick(renewIn - l.renewingDaysBeforeRenewal, id);
      await b.task(-40, "tomas", id, { title: "Health Assessment for Umbrella's renewal", assignee: "tomas", dueIn: 7, status: "in_progress" });
      await b.task(-20, "mei", id, { title: "Renewal forecast: Umbrella Corporation (partial churn projected)", assignee: "mei", dueIn: -1, status: "under_review" });
    },
  },
  {
    // Both adoption targets met after onboarding: 3. Nurturing.
    crmId: "DEMO-CRM-1009",
    async play(b) {
      const onboarding = b.pack.lifecycle.onboardingDays;
      const closedAgo = onboarding + 90;
      const id = await b.createAccount(-(closedAgo + 60), "ravi", {
        name: "Acme Corporation",
        domains: ["acme.com"],
        crmId: this.crmId,
        expectedCloseDate: b.day(-closedAgo),
        developers: 1_200,
        arr: 380_000,
        seats: 250,
        deployment: "self_hosted",
        ae: "jordan",
        ce: "carlos",
      });
      await b.addContacts(-(closedAgo + 55), "jordan", id, "acme.com", [
        { name: "Marta Alvarez", title: "VP Engineering", roles: ["Executive", "Economic Buyer"] },
        { name: "Ken Ito", title: "Developer Productivity Lead", roles: ["Champion", "Program Contact"] },
        { name: "Sofia Berg", title: "Site Admin", roles: ["Instance Admin"] },
      ]);
      await handOff(b, id, closedAgo, { level: 0, ce: "carlos", playbook: false });
      await b.close(-closedAgo, "jordan", id, { contractEnd: b.day(365 - closedAgo), arr: 380_000, seats: 250, deployment: "self_hosted" });
      await b.mapInstance(-115, "tomas", id, "acme");
      await b.tick(-(closedAgo - onboarding), id, onboardingTargetRule);
      await b.task(-(closedAgo - 85), "tomas", id, { title: "Send the 90-day recap to Acme", assignee: "tomas", dueIn: -(closedAgo - 90), status: "completed" });
      await b.task(-2, "jordan", id, { title: "Prepare Acme's QBR: recap, roadmap and expansion", assignee: "jordan", dueIn: 10 });
    },
  },
  {
    // Did not renew: the AE set the type to the pack's attrited type (C2) and wrote the post-mortem (C5).
    crmId: "DEMO-CRM-1010",
    async play(b) {
      const l = b.pack.lifecycle;
      const endedAgo = 35;
      const closedAgo = 365 + endedAgo;
      const id = await b.createAccount(-(closedAgo + 50), "ravi", {
        name: "Vehement Capital",
        domains: ["vehement.example"],
        crmId: this.crmId,
        expectedCloseDate: b.day(-closedAgo),
        developers: 60,
        arr: 30_000,
        seats: 50,
        deployment: "self_hosted",
        ae: "jordan",
        ce: "carlos",
      });
      await b.addContacts(-(closedAgo + 45), "jordan", id, "vehement.example", [
        { name: "Evelyn Marsh", title: "Engineering Manager", roles: ["Champion"] },
        { name: "Tim Price", title: "CFO", roles: ["Economic Buyer"] },
      ]);
      await handOff(b, id, closedAgo, { level: 2, ce: "carlos", playbook: false });
      await b.close(-closedAgo, "jordan", id, { contractEnd: b.day(-endedAgo), arr: 30_000, seats: 50, deployment: "self_hosted" });
      await b.tick(-(closedAgo - l.onboardingDays), id, onboardingTargetRule);
      await b.tick(-(endedAgo + l.renewingDaysBeforeRenewal), id);
      await b.update(-(endedAgo - 5), "jordan", id, { accountType: b.pack.accounts.types.attrited });
      await b.blankDoc(
        -(endedAgo - 7),
        "jordan",
        id,
        "Churn post-mortem: Vehement Capital",
        "<h2>What happened</h2><p>The champion, Evelyn Marsh, left in the spring; usage never recovered and the renewal was not signed.</p><h2>Lessons</h2><ul><li><p>Find a second champion before the renewal window.</p></li></ul>",
      );
      await b.task(-(endedAgo - 7), "jordan", id, { title: "Churn retro: Vehement Capital", assignee: "jordan", dueIn: -4, status: "under_review" });
      await b.task(-(endedAgo - 6), "diane", id, { title: "Archive Vehement Capital's customer channels", assignee: "jordan", dueIn: -20, status: "completed" });
      await b.task(-2, "diane", id, { title: "Review the Vehement Capital post-mortem", assignee: "diane", dueIn: 3 });
    },
  },
];

/** The demo accounts' CRM ids, in the order they are seeded (tests check them). */
export const DEMO_ACCOUNT_CRM_IDS = DEMO_ACCOUNTS.map((a) => a.crmId);

/**
 * The customer book of the demo workspace, played through the real use cases after the demo
 * team, instances and trials exist. Idempotent: an account whose CRM id exists is skipped.
 */
export async function seedCustomerBook(ctx: AppContext): Promise<SeedAccountsResult> {
  const t0 = performance.now();
  const existing = new Set(
    (await ctx.db.selectFrom("accounts").select("crm_id").where("crm_id", "in", DEMO_ACCOUNT_CRM_IDS).execute()).map((r) => r.crm_id),
  );
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.crmId));
  if (missing.length === 0) return { accounts: 0, skipped: true, ms: performance.now() - t0 };
  const book = await DemoBook.open(ctx);
  for (const account of missing) await account.play(book);
  await book.catchUp();
  return { accounts: missing.length, skipped: false, ms: performance.now() - t0 };
}
