import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/domains/usage/days.js";
import { accountRow, assignTa, bookWorld, call, closeAccount, counts, daysFromToday, makeAccount, ok, setSupportLevel, tasksOf, today, type BookWorld } from "./book-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

async function customer(contractEnd?: string): Promise<{ id: string; name: string }> {
  const a = await makeAccount(w);
  await setSupportLevel(w, a.id);
  await assignTa(w, a.id, w.ta.id);
  await closeAccount(w, a.id, contractEnd ? { contractEnd } : {});
  return a;
}

const kickoff = (id: string, body: Record<string, unknown>) => ok(w, `/api/v1/accounts/${id}/kickoff`, "ta", body);
const planTasks = async (id: string) => (await tasksOf(w, id)).filter((t) => t.source === "H6.kickoff");

describe("H6 kickoff", () => {
  it("H6 records the engagement plan and gives the TA its tasks: check-ins every cadence until the horizon, trainings, onboarding help", async () => {
    const a = await customer();
    const start = today(w);
    const detail = await kickoff(a.id, {
      kickoffOn: start,
      checkInCadence: "Every two weeks",
      trainings: [{ name: "101 training" }, { name: "Security deep dive", dueOn: addDays(start, 40) }],
      onboardingHelp: "SSO and code host setup",
    });
    expect(detail.kickoffOn).toBe(start);
    expect(detail.engagementPlan).toMatchObject({
      checkInCadence: "Every two weeks",
      trainings: [
        { name: "101 training", dueOn: addDays(start, 14) },
        { name: "Security deep dive", dueOn: addDays(start, 40) },
      ],
      onboardingHelp: "SSO and code host setup",
    });

    const tasks = await planTasks(a.id);
    expect(tasks.every((t) => t.assignee_user_id === w.ta.id && t.archived_at === null)).toBe(true);
    const checkIns = tasks.filter((t) => t.title.startsWith("Check-in"));
    // Every 14 days from the kickoff up to the 180-day horizon: days 14, 28, …, 168.
    expect(checkIns.map((t) => t.due_on)).toEqual(Array.from({ length: 12 }, (_, i) => addDays(start, 14 * (i + 1))));
    expect(tasks.filter((t) => !t.title.startsWith("Check-in")).map((t) => [t.title, t.due_on])).toEqual(
      expect.arrayContaining([
        [`101 training for ${a.name}`, addDays(start, 14)],
        [`Security deep dive for ${a.name}`, addDays(start, 40)],
        [`Onboarding help for ${a.name}`, addDays(start, 14)],
      ]),
    );
    expect(tasks).toHaveLength(15);
  });

  it("H6 check-ins stop at the renewal date when it comes before the horizon; trainings default to the pack's", async () => {
    const a = await customer(daysFromToday(w, 60));
    await kickoff(a.id, { kickoffOn: today(w), checkInCadence: "Monthly" });
    const tasks = await planTasks(a.id);
    expect(tasks.filter((t) => t.title.startsWith("Check-in")).map((t) => t.due_on)).toEqual([daysFromToday(w, 30), daysFromToday(w, 60)]);
    expect(tasks.filter((t) => !t.title.startsWith("Check-in"))).toHaveLength(4); // E4: 101, 102, admin, AI assistant
  });

  it("H6 a new plan archives the previous plan's open tasks; the same plan again changes nothing", async () => {
    const a = await customer();
    const first = { kickoffOn: today(w), checkInCadence: "Monthly", trainings: [] };
    await kickoff(a.id, first);
    const firstTasks = await planTasks(a.id);
    expect(firstTasks).toHaveLength(6);
    const done = firstTasks[0];
    if (!done) throw new Error("no task");
    await w.server.ctx.db.updateTable("tasks").set({ status: "completed", completed_at: w.server.ctx.clock.now() }).where("id", "=", done.id).execute();

    const before = await counts(w);
    await kickoff(a.id, first);
    expect(await counts(w)).toEqual(before);

    await kickoff(a.id, { ...first, checkInCadence: "Every two weeks" });
    const all = await planTasks(a.id);
    const archived = all.filter((t) => t.archived_at !== null);
    expect(archived.map((t) => t.id).sort()).toEqual(firstTasks.slice(1).map((t) => t.id).sort());
    expect(all.find((t) => t.id === done.id)?.archived_at).toBeNull();
    expect(all.filter((t) => t.archived_at === null && t.id !== done.id)).toHaveLength(12);

    // Back to the first plan: its tasks are made again (a new plan), not found archived.
    await kickoff(a.id, first);
    expect((await planTasks(a.id)).filter((t) => t.archived_at === null && t.id !== done.id)).toHaveLength(6);
  });

  it("H6 an unknown cadence or a non-pack training without a due day is a 400 naming the field; an AE may not record a kickoff", async () => {
    const a = await customer();
    const before = await counts(w);
    const bad = await call(w, "POST", `/api/v1/accounts/${a.id}/kickoff`, "ta", { kickoffOn: today(w), checkInCadence: "Daily" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(["body", "checkInCadence"]);
    const training = await call(w, "POST", `/api/v1/accounts/${a.id}/kickoff`, "ta", { kickoffOn: today(w), checkInCadence: "Weekly", trainings: [{ name: "Juggling" }] });
    expect(training.statusCode).toBe(400);
    expect(training.json().error.details.issues[0].path).toEqual(["body", "trainings"]);
    expect((await call(w, "POST", `/api/v1/accounts/${a.id}/kickoff`, "ae", { kickoffOn: today(w), checkInCadence: "Weekly" })).statusCode).toBe(403);
    expect(await counts(w)).toEqual(before);
    expect((await accountRow(w, a.id)).engagement_plan).toBeNull();
  });
});
