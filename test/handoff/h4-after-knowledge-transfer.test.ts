import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advance, assignTa, bookWorld, daysFromToday, makeAccount, setSupportLevel, tasksOf, type BookWorld } from "./book-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

/** An account whose H3 hand-off task exists (TA assigned, close 20 days out). */
async function handedOff(o: { ie: boolean; tpm?: boolean }) {
  const a = await makeAccount(w, { expectedCloseDate: daysFromToday(w, 20), ieUserId: o.ie ? w.ie.id : null });
  if (o.tpm) await w.server.ctx.db.updateTable("accounts").set({ tpm_user_id: w.leadership.id }).where("id", "=", a.id).execute();
  await setSupportLevel(w, a.id);
  await assignTa(w, a.id, w.ta.id);
  await advance(w, 0.01);
  const task = (await tasksOf(w, a.id)).find((t) => t.source === "H3.handoff");
  if (!task) throw new Error("no H3 task");
  return { account: a, taskId: task.id };
}

async function moveTask(taskId: string, status: string) {
  const res = await w.server.app.inject({
    method: "PATCH",
    url: `/api/v1/tasks/${taskId}`,
    headers: { authorization: `Bearer ${await w.server.tokenFor("ce")}` },
    payload: { status },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const nextSteps = async (accountId: string) => (await tasksOf(w, accountId)).filter((t) => t.source === "H4.after-knowledge-transfer");

describe("H4 after the knowledge transfer", () => {
  it("H4 without implementation engineering the TA plans the kickoff once the CE completes the hand-off task", async () => {
    const { account, taskId } = await handedOff({ ie: false });
    await w.server.ctx.db
      .insertInto("contacts")
      .values({ id: crypto.randomUUID(), account_id: account.id, name: "Olga Onboarding", email: "olga@example.com", title: null, roles: JSON.stringify([]), tagged_at: null, created_at: w.server.ctx.clock.now(), updated_at: w.server.ctx.clock.now() })
      .execute();
    await moveTask(taskId, "in_progress");
    expect(await nextSteps(account.id)).toHaveLength(0);

    await moveTask(taskId, "completed");
    const steps = await nextSteps(account.id);
    expect(steps).toHaveLength(1);
    const due = daysFromToday(w, w.server.ctx.packs.current().handoff.afterKnowledgeTransferDueDays);
    expect(steps[0]).toMatchObject({ title: `Plan the kickoff with ${account.name}`, assignee_user_id: w.ta.id, due_on: due });
    expect(steps[0]?.description).toContain("Seats purchased: 100");
    expect(steps[0]?.description).toContain("Olga Onboarding");

    // Reopened and completed again: still one next step.
    await moveTask(taskId, "todo");
    await moveTask(taskId, "completed");
    expect(await nextSteps(account.id)).toHaveLength(1);
  });

  it("H4 with implementation engineering involved the TA introduces the TPM", async () => {
    const { account, taskId } = await handedOff({ ie: true, tpm: true });
    await moveTask(taskId, "completed");
    const steps = await nextSteps(account.id);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ title: `Introduce the TPM to ${account.name}`, assignee_user_id: w.ta.id });
    expect(steps[0]?.description).toContain(w.leadership.name);
  });

  it("H4 completing any other task sets off nothing", async () => {
    const { account } = await handedOff({ ie: false });
    const other = await w.server.app.inject({
      method: "POST",
      url: "/api/v1/tasks",
      headers: { authorization: `Bearer ${await w.server.tokenFor("ta")}` },
      payload: { title: "Send the welcome pack", accountId: account.id },
    });
    expect(other.statusCode, other.body).toBe(201);
    await moveTask(other.json<{ id: string }>().id, "completed");
    expect(await nextSteps(account.id)).toHaveLength(0);
  });
});
