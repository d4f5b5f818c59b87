import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trialCapacity } from "../../src/domains/trials/capacity.js";
import { asRole, sendPing } from "../usage/usage-fixtures.js";
import { advance, channelMessages, DAY_MS, firings, handedOffTrial, lifecycleWorld, mailTo, timeline, trialRow, type HandedOffOptions, type LifecycleWorld } from "./fixtures.js";

let w: LifecycleWorld;
beforeAll(async () => {
  w = await lifecycleWorld();
});
afterAll(async () => {
  await w.close();
});

const at = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);
const day = (d: Date) => d.toISOString().slice(0, 10);

/** A trial in use (a code host), so T9 leaves it alone and it lives to its end. */
async function usedTrial(o: HandedOffOptions = {}) {
  const t = await handedOffTrial(w, o);
  const res = await sendPing(w.server, t.ingestToken, { codeHostsConfigured: 2 });
  expect(res.statusCode, res.body).toBe(202);
  return t;
}

const decide = async (trialId: string, payload: Record<string, unknown>, role: "growth" | "sales_ops" | "admin" = "growth") =>
  w.server.app.inject({ method: "POST", url: `/api/v1/trials/${trialId}/decision`, headers: await asRole(w.server, role), payload });

describe("T10 trial end", () => {
  it("T10 asks for a decision when the trial ends", async () => {
    const t = await usedTrial({ aeUserId: w.ae.id });
    await advance(w, 29.9);
    expect((await trialRow(w, t.trialId)).state).toBe("running");
    await advance(w, 0.2);

    expect((await trialRow(w, t.trialId)).state).toBe("ended");
    const ends = at(t.handedOffAt, 30);
    const subject = `Trial ended: ${t.company} (${t.slug}) needs a decision`;
    const toGrowth = mailTo(w, w.growth.email).filter((m) => m.subject === subject);
    expect(toGrowth).toHaveLength(1);
    expect(toGrowth[0]?.envelopeTo).toContain(w.ae.email);
    expect(toGrowth[0]?.text).toContain(`ended on ${day(ends)}`);
    expect(toGrowth[0]?.text).toContain(`by ${day(at(ends, 5))}`);
    expect(toGrowth[0]?.text).toContain(`/trials/${t.trialId}`);
    const alerts = (await channelMessages(w, "#cloud-trial-alerts")).filter((m) => m.subject_id === t.trialId);
    expect(alerts.map((m) => m.rule_id)).toEqual(["T10.trial-end"]);
    const ended = (await timeline(w, "lead", t.leadId)).find((e) => e.kind === "trial.ended");
    expect(ended?.rule_id).toBe("T10.trial-end");
  });

  it("T10 escalates when no decision within 5 days", async () => {
    const t = await usedTrial();
    await advance(w, 30 + 4.9);
    expect(await firings(w, "T10.decision-escalation", t.trialId)).toEqual([]);
    await advance(w, 0.2);

    const [firing, ...more] = await firings(w, "T10.decision-escalation", t.trialId);
    expect(more).toEqual([]);
    expect(firing?.due_at).toEqual(at(t.handedOffAt, 35));
    const subject = `Overdue: no decision on ${t.company}'s ended trial`;
    const escalation = mailTo(w, w.leadership.email).filter((m) => m.subject === subject);
    expect(escalation).toHaveLength(1);
    expect(escalation[0]?.envelopeTo).toContain(w.growth.email);
    expect(escalation[0]?.text).toContain("within 5 days");
    const alerts = (await channelMessages(w, "#cloud-trial-alerts")).filter((m) => m.subject_id === t.trialId);
    expect(alerts.map((m) => m.rule_id)).toEqual(["T10.trial-end", "T10.decision-escalation"]);

    // Nothing more while it stays undecided: one escalation per end date.
    await advance(w, 10);
    expect(mailTo(w, w.leadership.email).filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it("T10 extend adds 30 days to the end, not from today", async () => {
    const t = await usedTrial();
    const firstEnd = at(t.handedOffAt, 30);
    await advance(w, 33); // decided 3 days after the end
    const res = await decide(t.trialId, { decision: "extend", note: "Security review pending" });
    expect(res.statusCode, res.body).toBe(200);
    const secondEnd = at(firstEnd, 30);
    expect(res.json()).toMatchObject({ decision: "extend", state: "running", endsAt: secondEnd.toISOString() });

    const trial = await trialRow(w, t.trialId);
    expect(trial).toMatchObject({ state: "running", extended_days: 30, decision: "extend", decision_note: "Security review pending" });
    expect(trial.ends_at).toEqual(secondEnd);
    // X: licenses are immutable; the extension is a new license expiring at the new end.
    const licenses = await w.server.ctx.db
      .selectFrom("licenses as l")
      .innerJoin("subscriptions as s", "s.id", "l.subscription_id")
      .select(["l.expires_at"])
      .where("s.trial_id", "=", t.trialId)
      .orderBy("l.created_at")
      .execute();
    expect(licenses.map((l) => l.expires_at)).toEqual([firstEnd, secondEnd]);
    const extended = (await timeline(w, "trial", t.trialId)).find((e) => e.kind === "trial.extended");
    expect(extended).toMatchObject({ rule_id: null });
    expect(extended?.summary).toContain(`now ends on ${day(secondEnd)}`);

    // The extended end is a new period for both T10 rules: each fires once more.
    await advance(w, 30 - 3 + 5 + 0.1);
    expect((await trialRow(w, t.trialId)).state).toBe("ended");
    expect((await firings(w, "T10.trial-end", t.trialId)).map((f) => f.due_at)).toEqual([firstEnd, secondEnd]);
    expect((await firings(w, "T10.decision-escalation", t.trialId)).map((f) => f.due_at)).toEqual([at(secondEnd, 5)]);
  });

  it("T10 terminate by a person closes the trial and frees its slot", async () => {
    const t = await usedTrial();
    await advance(w, 31);
    const before = await trialCapacity(w.server.ctx.db, w.server.ctx.packs.current());
    const res = await decide(t.trialId, { decision: "terminate", note: "Chose another vendor" });
    expect(res.statusCode, res.body).toBe(200);
    expect((await trialCapacity(w.server.ctx.db, w.server.ctx.packs.current())).used).toBe(before.used - 1);
    const trial = await trialRow(w, t.trialId);
    expect(trial).toMatchObject({ state: "terminated", decision: "terminate", decision_note: "Chose another vendor" });
    expect(trial.close_reason).toContain("Chose another vendor");
    // The instance was used: the pack's "nobody used it" email would be wrong, so none is sent.
    expect(mailTo(w, t.adminEmail).filter((m) => m.subject.includes("shut down"))).toHaveLength(0);
    const cloudOps = (await channelMessages(w, "#discuss-cloud-ops")).filter((m) => m.subject_id === t.trialId);
    expect(cloudOps).toHaveLength(1);
  });
});
