import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productionInstanceDue } from "../../src/domains/handoff/production-instance-request.js";
import { createSubscription } from "../../src/domains/licenses/create-subscription.js";
import { addWorkingDays } from "../../src/platform/calendar/business-calendar.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import {
  accountRow,
  addInstance,
  advance,
  assignTa,
  bookWorld,
  call,
  closeAccount,
  closeBody,
  counts,
  daysFromToday,
  DAY_MS,
  feedMessages,
  mailAbout,
  makeAccount,
  setSupportLevel,
  tasksOf,
  today,
  type BookWorld,
} from "./book-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

const subscriptionsOf = (name: string) =>
  w.server.ctx.db
    .selectFrom("subscriptions as s")
    .innerJoin("licenses as l", "l.subscription_id", "s.id")
    .select(["s.id", "s.kind", "s.instance_id", "s.trial_id", "s.crm_account_id", "l.user_count", "l.tags", "l.expires_at", "l.licensee"])
    .where("s.name", "=", name)
    .orderBy("s.created_at")
    .execute();

describe("H5 close", () => {
  it("H5 managed cloud close requests a production instance from cloud ops at the SLA (7 working days)", async () => {
    const a = await makeAccount(w, { crmId: "CRM-77" });
    await setSupportLevel(w, a.id);
    const trialInstance = await addInstance(w, a.id, { slug: "mgd-trial", adminEmail: "Admin@Managed.example", kind: "trial" });
    // The trial keeps its own subscription; the contract gets a new one.
    await w.server.ctx.db.transaction().execute((trx) =>
      createSubscription(trx, w.server.ctx, {
        name: a.name,
        kind: "trial",
        instanceId: trialInstance,
        userCount: 1000,
        tags: ["trial"],
        expiresAt: new Date(w.server.ctx.clock.now().getTime() + 30 * DAY_MS),
        actor: systemActor("test"),
      }),
    );
    const now = w.server.ctx.clock.now(); // Monday 2026-01-05 09:00 UTC
    const detail = await closeAccount(w, a.id, { deployment: "cloud_managed", seats: 200, adminEmail: "admin@managed.example", licenseTags: [" sso ", "plan:enterprise"] });

    expect(detail).toMatchObject({ accountType: "Customer", customer: true, closedOn: today(w), seats: 200, deployment: "cloud_managed", stage: "1. Onboarding" });
    const subs = await subscriptionsOf(a.name);
    const production = subs.filter((s) => s.kind === "production");
    expect(production).toHaveLength(1);
    expect(production[0]).toMatchObject({ id: detail.productionSubscriptionId, user_count: 210, tags: ["plan:enterprise", "sso"], instance_id: null, trial_id: null, crm_account_id: "CRM-77" });
    expect(production[0]?.expires_at).toEqual(new Date(`${daysFromToday(w, 365)}T00:00:00Z`));
    expect(subs.filter((s) => s.kind === "trial")).toMatchObject([{ instance_id: trialInstance, user_count: 1000 }]);

    // X: 7 working days of 07:00–22:00 Mon–Fri from Monday 09:00 end on Wednesday 09:00 of the next week.
    expect(addWorkingDays(w.server.ctx.packs.current().businessCalendar, now, 7)).toEqual(new Date("2026-01-14T09:00:00Z"));
    const request = (await tasksOf(w, a.id)).find((t) => t.team === "cloud_ops");
    expect(request).toMatchObject({ due_on: "2026-01-14", source: "H5.close", assignee_user_id: null });
    expect(request?.description).toContain("admin@managed.example");
    expect(request?.description).toContain("mgd-trial"); // the instance-to-admin mapping
    await w.worker.drain();
    const mail = mailAbout(w, w.cloudOps.email, `Production instance request: ${a.name}`);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain("Seats: 200 (license 210 users)");
    expect(mail[0]?.text).toContain("ready by 2026-01-14 (7 working days)");
    const posts = await feedMessages(w, "#discuss-cloud-ops", a.id);
    expect(posts).toHaveLength(1);
    expect(productionInstanceDue(w.server.ctx, now).dueOn).toBe("2026-01-14");
  });

  it("H5 close creates a production license on a new subscription; self-hosted makes no cloud-ops request", async () => {
    const a = await makeAccount(w, { developers: 300, arr: 200_000 });
    const instance = await addInstance(w, a.id, { slug: "selfhost1", adminEmail: "ops@selfhost.example" });
    const before = (await feedMessages(w, "#discuss-cloud-ops")).length;
    const detail = await closeAccount(w, a.id, { deployment: "self_hosted", seats: 80, arr: 40_000, adminEmail: "ops@selfhost.example" });

    // Not in the book before: a signed customer enters it (and is re-segmented with the contract ARR).
    expect(detail).toMatchObject({ inBook: true, stage: "1. Onboarding", arr: 40_000, segment: "Scaled Success" });
    const production = (await subscriptionsOf(a.name)).filter((s) => s.kind === "production");
    expect(production).toHaveLength(1);
    expect(production[0]).toMatchObject({ user_count: 80, tags: ["plan:enterprise"], instance_id: instance });
    expect((await tasksOf(w, a.id)).filter((t) => t.team === "cloud_ops")).toHaveLength(0);
    expect(await feedMessages(w, "#discuss-cloud-ops")).toHaveLength(before);
  });

  it("H5 closing twice is refused (409 invalid_state) and changes nothing", async () => {
    const a = await makeAccount(w);
    await closeAccount(w, a.id);
    const before = await counts(w);
    const row = await accountRow(w, a.id);
    const res = await call(w, "POST", `/api/v1/accounts/${a.id}/close`, "ae", closeBody(w, { seats: 500 }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("invalid_state");
    expect(await counts(w)).toEqual(before);
    expect(await accountRow(w, a.id)).toEqual(row);
  });

  it("H5 bad contract dates are a 400 naming the field, and nothing changes", async () => {
    const a = await makeAccount(w);
    const before = await counts(w);
    const cases: [Record<string, unknown>, string][] = [
      [{ contractStart: daysFromToday(w, 10), contractEnd: daysFromToday(w, 10) }, "contractEnd"],
      [{ closedOn: daysFromToday(w, 1) }, "closedOn"],
      [{ contractStart: daysFromToday(w, -400), contractEnd: daysFromToday(w, -1) }, "contractEnd"],
      [{ seats: 0 }, "seats"],
      [{ deployment: "on_the_moon" }, "deployment"],
    ];
    for (const [patch, field] of cases) {
      const res = await call(w, "POST", `/api/v1/accounts/${a.id}/close`, "ae", { ...closeBody(w), ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.details.issues[0].path).toEqual(["body", field]);
    }
    const { closedOn: _omitted, ...withoutClosedOn } = closeBody(w);
    expect((await call(w, "POST", `/api/v1/accounts/${a.id}/close`, "ae", withoutClosedOn)).statusCode).toBe(400);
    expect(await counts(w)).toEqual(before);
    expect((await accountRow(w, a.id)).closed_on).toBeNull();
    expect((await call(w, "POST", `/api/v1/accounts/${randomUUID()}/close`, "ae", closeBody(w))).statusCode).toBe(404);
    expect((await call(w, "POST", `/api/v1/accounts/${a.id}/close`, "leadership", closeBody(w))).statusCode).toBe(403);
  });
});

describe("H5 contacts tagged within 7 days", () => {
  it("H5 alerts the AE and TA 7 days after signature when no contact has a role", async () => {
    const untagged = await makeAccount(w);
    const tagged = await makeAccount(w);
    for (const a of [untagged, tagged]) {
      await setSupportLevel(w, a.id);
      await assignTa(w, a.id, w.ta.id);
      await closeAccount(w, a.id);
    }
    const at = w.server.ctx.clock.now();
    await w.server.ctx.db
      .insertInto("contacts")
      .values([
        { id: randomUUID(), account_id: untagged.id, name: "No Role", roles: "[]", created_at: at, updated_at: at },
        { id: randomUUID(), account_id: tagged.id, name: "Champ", roles: JSON.stringify(["Champion"]), tagged_at: at, created_at: at, updated_at: at },
      ])
      .execute();

    await advance(w, 6);
    expect(mailAbout(w, w.ae.email, `${untagged.name} has no tagged contacts`)).toHaveLength(0);
    await advance(w, 1);
    const mail = mailAbout(w, w.ae.email, `${untagged.name} has no tagged contacts 7 days after signature`);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.envelopeTo.sort()).toEqual([w.ae.email, w.ta.email].sort());
    expect((await feedMessages(w, "#customer-success-alerts", untagged.id)).map((m) => m.rule_id)).toContain("H5.contacts-untagged");
    expect(mailAbout(w, w.ae.email, `${tagged.name} has no tagged contacts`)).toHaveLength(0);
    expect(await feedMessages(w, "#customer-success-alerts", tagged.id)).toHaveLength(0);
  });
});
