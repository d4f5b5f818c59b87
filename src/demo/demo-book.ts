import type { AppContext } from "../platform/app/context.js";
import { DAY_MS, FixedClock } from "../platform/clock/clock.js";
import { ACCOUNT_SUBJECT } from "../domains/accounts/account-records.js";
import type { AccountBody } from "../domains/accounts/account-input.js";
import type { Deployment, TaskStatus } from "../domains/accounts/schema.js";
import { createAccount } from "../domains/accounts/create-account.js";
import { createContact } from "../domains/accounts/create-contact.js";
import { mapInstanceToAccount } from "../domains/accounts/map-instance.js";
import { updateAccount } from "../domains/accounts/update-account.js";
import { createAccountDoc } from "../domains/docs/create-account-doc.js";
import { getDoc } from "../domains/docs/doc-view.js";
import { saveDoc } from "../domains/docs/save-doc.js";
import { assignTa } from "../domains/handoff/assign-ta.js";
import { closeAccount } from "../domains/handoff/close-account.js";
import { recordKickoff } from "../domains/handoff/record-kickoff.js";
import { setSupportLevel } from "../domains/handoff/set-support-level.js";
import { evaluateAccountStage } from "../domains/lifecycle/evaluate-stage.js";
import { evaluateStagesRule } from "../domains/lifecycle/rules.js";
import { setStageOverride } from "../domains/lifecycle/stage-override.js";
import type { StageKey } from "../domains/lifecycle/stage-rules.js";
import { createTask } from "../domains/tasks/create-task.js";
import { updateTask } from "../domains/tasks/update-task.js";
import { addDays, dayOf } from "../domains/usage/days.js";
import type { Role } from "../platform/pack/pack-schema.js";
import { createRuleRegistry, type RuleRegistry, type ScheduledRule } from "../platform/scheduler/scheduled-rule.js";
import { runDue } from "../platform/scheduler/scheduler.js";
import { ruleActor, type Actor } from "../platform/timeline/actor.js";
import { allRules } from "../runtime/rules.js";

/**
 * A demo person by the part of their email before the @ ("tomas"): the demo team is made
 * first (seed-demo.ts), so every key in the stories names somebody.
 */
export type PersonKey = string;

/** When a step happens: days from now (negative: in the past; never in the future). */
export type When = number;

interface Person {
  id: string;
  name: string;
  role: string;
}

export interface DemoAccountValues extends Omit<AccountBody, "aeUserId" | "ceUserId" | "tpmUserId" | "ieUserId"> {
  name: string;
  ae?: PersonKey;
  ce?: PersonKey;
}

export interface DemoContact {
  name: string;
  title: string;
  /** Roles the pack knows (accounts.contactRoles); others are left out. */
  roles: string[];
}

export interface DemoTask {
  title: string;
  description?: string;
  assignee?: PersonKey;
  team?: Role;
  /** Days from now: negative ones are overdue unless the task is completed. */
  dueIn?: number;
  /** Where the card ends up on the board, moved there by the assignee (E7). */
  status?: TaskStatus;
}

/**
 * Plays an account's story through the real use cases, each at its own moment of the past, so
 * timelines, stage history and audit read as if the team had worked the account for months.
 * `tick` stands in for the scheduler at that moment (the rule the story expects, and the
 * account's daily L evaluation); `catchUp` runs it today for everything still due.
 */
export class DemoBook {
  private readonly now: Date;

  private constructor(
    readonly ctx: AppContext,
    private readonly people: Map<PersonKey, Person>,
  ) {
    this.now = ctx.clock.now();
  }

  static async open(ctx: AppContext): Promise<DemoBook> {
    const users = await ctx.db.selectFrom("users").select(["id", "email", "name", "role"]).execute();
    return new DemoBook(ctx, new Map(users.map((u) => [u.email.split("@")[0] ?? "", u])));
  }

  get pack() {
    return this.ctx.packs.current();
  }

  /** The context at a moment of the past (the system, FixedClock, or simulated clock's now minus days). */
  at(when: When): AppContext {
    if (when > 0) throw new Error(`demo step ${when} days in the future: the demo only plays the past`);
    if (when === 0) return this.ctx;
    return { ...this.ctx, clock: new FixedClock(new Date(this.now.getTime() + when * DAY_MS)) };
  }

  /** A day ('YYYY-MM-DD') relative to today. */
  day(daysFromNow: number): string {
    return addDays(dayOf(this.now), daysFromNow);
  }

  /** The day ('YYYY-MM-DD', UTC) the moment `when` falls on. */
  dayAt(when: When): string {
    return dayOf(this.at(when).clock.now());
  }

  person(key: PersonKey): Person {
    const p = this.people.get(key);
    if (!p) throw new Error(`demo person ${key} is missing: the demo team is seeded first`);
    return p;
  }

  actor(key: PersonKey): Actor {
    const p = this.person(key);
    return { type: "user", id: p.id, label: p.name, role: p.role };
  }

  async createAccount(when: When, by: PersonKey, v: DemoAccountValues): Promise<string> {
    const { ae, ce, ...values } = v;
    return createAccount(this.at(when), {
      values: { ...values, ...(ae ? { aeUserId: this.person(ae).id } : {}), ...(ce ? { ceUserId: this.person(ce).id } : {}) },
      actor: this.actor(by),
    });
  }

  async addContacts(when: When, by: PersonKey, accountId: string, domain: string, contacts: DemoContact[]): Promise<void> {
    const known = new Set(this.pack.accounts.contactRoles);
    for (const c of contacts) {
      const email = `${c.name.toLowerCase().replace(/[^a-z]+/g, ".")}@${domain}`;
      await createContact(this.at(when), { accountId, name: c.name, email, title: c.title, roles: c.roles.filter((r) => known.has(r)), actor: this.actor(by) });
    }
  }

  /** H1 with the pack's n-th support level (the last one when there are fewer). */
  async setSupportLevel(when: When, by: PersonKey, accountId: string, levelIndex = 0): Promise<void> {
    const levels = this.pack.accounts.taSupportLevels;
    const level = levels[Math.min(levelIndex, levels.length - 1)];
    if (level === undefined) throw new Error("the pack has no TA support levels");
    await setSupportLevel(this.at(when), { accountId, level, actor: this.actor(by) });
  }

  async assignTa(when: When, by: PersonKey, accountId: string, ta: PersonKey): Promise<void> {
    await assignTa(this.at(when), { accountId, taUserId: this.person(ta).id, actor: this.actor(by) });
  }

  /** H5 on the day `when` falls on; the contract starts that day. Returns the production-instance task, if any. */
  async close(when: When, by: PersonKey, accountId: string, c: { contractEnd: string; arr: number; seats: number; deployment: Deployment; adminEmail?: string }): Promise<string | null> {
    const closedOn = this.dayAt(when);
    const result = await closeAccount(this.at(when), { accountId, closedOn, contractStart: closedOn, ...c, actor: this.actor(by) });
    return result.productionInstanceTaskId;
  }

  /** H6 with the pack's cadence of about `cadenceDays` days (the closest one) and every pack training. */
  async kickoff(when: When, by: PersonKey, accountId: string, cadenceDays: number, onboardingHelp: string): Promise<void> {
    const cadences = [...this.pack.kickoff.checkInCadences].sort((a, b) => Math.abs(a.days - cadenceDays) - Math.abs(b.days - cadenceDays));
    const cadence = cadences[0];
    if (!cadence) throw new Error("the pack has no check-in cadences");
    await recordKickoff(this.at(when), { accountId, kickoffOn: this.dayAt(when), checkInCadence: cadence.name, onboardingHelp, actor: this.actor(by) });
  }

  async overrideStage(when: When, by: PersonKey, accountId: string, stage: StageKey, reason: string): Promise<void> {
    await setStageOverride(this.at(when), { accountId, stage, reason, actor: this.actor(by) });
  }

  async update(when: When, by: PersonKey, accountId: string, patch: Partial<AccountBody>): Promise<void> {
    // AccountBody (the API's parsed body) always has the crmId key; undefined leaves it as it is.
    await updateAccount(this.at(when), { id: accountId, patch: { crmId: undefined, ...patch }, actor: this.actor(by) });
  }

  /** Maps a demo instance (seed-usage.ts) to the account; false when the demo has no such instance. */
  async mapInstance(when: When, by: PersonKey, accountId: string, slug: string): Promise<boolean> {
    const instance = await this.ctx.db.selectFrom("instances").select("id").where("slug", "=", slug).executeTakeFirst();
    if (!instance) return false;
    await mapInstanceToAccount(this.at(when), { accountId, instanceId: instance.id, actor: this.actor(by) });
    return true;
  }

  /**
   * The scheduler at a moment of the past, for the rules the story expects then (each fires
   * through runDue, exactly as the scheduler fires it), then the account's daily L evaluation
   * (only this account: the other stories are played to today already, and evaluating them in
   * the past would move them back). Any other rule due meanwhile fires in catchUp, today.
   */
  async tick(when: When, accountId: string, ...rules: ScheduledRule[]): Promise<void> {
    const ctx = this.at(when);
    if (rules.length > 0) await this.runRules(ctx, createRuleRegistry(rules));
    const actor = ruleActor(evaluateStagesRule.id, this.pack.version);
    await ctx.db.transaction().execute((trx) => evaluateAccountStage(trx, ctx, accountId, actor));
  }

  /** The scheduler now, once every story is played: every account rule due fires, and today's L evaluation of the whole book. */
  async catchUp(): Promise<void> {
    const accountRules = allRules()
      .all()
      .filter((rule) => rule.subjectType === ACCOUNT_SUBJECT);
    await this.runRules(this.ctx, createRuleRegistry([...accountRules, evaluateStagesRule]));
  }

  private async runRules(ctx: AppContext, rules: RuleRegistry): Promise<void> {
    const summary = await runDue(ctx, rules, { workerId: "demo seed", until: ctx.clock.now() });
    const failed = Object.keys(summary.failed);
    if (failed.length > 0 || summary.ruleErrors.length > 0) throw new Error(`demo seed: rules failed (${[...failed, ...summary.ruleErrors].join(", ")})`);
  }

  /** A user task on the account, then moved across the board by its assignee (or the creator). */
  async task(when: When, by: PersonKey, accountId: string | null, t: DemoTask): Promise<string> {
    const ctx = this.at(when);
    const { id } = await ctx.db.transaction().execute((trx) =>
      createTask(trx, ctx, {
        title: t.title,
        description: t.description,
        assigneeUserId: t.assignee ? this.person(t.assignee).id : null,
        team: t.team ?? null,
        dueOn: t.dueIn === undefined ? null : this.day(t.dueIn),
        accountId,
        actor: this.actor(by),
      }),
    );
    if (t.status && t.status !== "todo") await this.moveTask(Math.min(0, when + 1), t.assignee ?? by, id, t.status);
    return id;
  }

  async moveTask(when: When, by: PersonKey, taskId: string, status: TaskStatus): Promise<void> {
    await updateTask(this.at(when), { taskId, changes: { status }, actor: this.actor(by) });
  }

  /** The account's open task made by a rule (source = its id), e.g. the H3 CE task. */
  async ruleTask(accountId: string, source: string): Promise<string | undefined> {
    const row = await this.ctx.db.selectFrom("tasks").select("id").where("account_id", "=", accountId).where("source", "=", source).where("archived_at", "is", null).executeTakeFirst();
    return row?.id;
  }

  /**
   * A person fills in a doc of the account made from `template` (the Handoff Doc): each known
   * placeholder paragraph gets their text; what the pack's template does not have is appended.
   */
  async fillDoc(when: When, by: PersonKey, accountId: string, template: string, answers: { placeholder: string; text: string }[]): Promise<number | undefined> {
    const row = await this.ctx.db.selectFrom("docs").select("id").where("account_id", "=", accountId).where("template", "=", template).executeTakeFirst();
    if (!row) return undefined;
    const doc = await getDoc(this.ctx.db, row.id);
    let body = doc.body;
    for (const a of answers) {
      const before = `<p>${a.placeholder}</p>`;
      body = body.includes(before) ? body.replace(before, `<p>${a.text}</p>`) : `${body}<p>${a.text}</p>`;
    }
    const saved = await saveDoc(this.at(when), { docId: doc.id, title: doc.title, body, baseVersion: doc.version, actor: this.actor(by) });
    return saved.version;
  }

  async blankDoc(when: When, by: PersonKey, accountId: string, title: string, body: string): Promise<void> {
    const doc = await createAccountDoc(this.at(when), { accountId, title, actor: this.actor(by) });
    await saveDoc(this.at(when), { docId: doc.id, title, body, baseVersion: doc.version, actor: this.actor(by) });
  }
}
