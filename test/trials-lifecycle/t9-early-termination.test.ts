import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asRole, sendEvents, sendPing } from "../usage/usage-fixtures.js";
import { advance, channelMessages, DAY_MS, firings, handedOffTrial, instanceRow, lifecycleWorld, mailTo, timeline, trialRow, type LifecycleWorld } from "./fixtures.js";

let w: LifecycleWorld;
beforeAll(async () => {
  w = await lifecycleWorld();
});
afterAll(async () => {
  await w.close();
});

const at = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);

describe("T9 early termination", () => {
  it("T9 warns 10 days after hand-off when unused", async () => {
    const t = await handedOffTrial(w);
    await advance(w, 9.9);
    expect((await trialRow(w, t.trialId)).warning_sent_at).toBeNull();
    expect(mailTo(w, t.adminEmail).filter((m) => m.subject.includes("still useful"))).toHaveLength(0);

    await advance(w, 0.2);
    const trial = await trialRow(w, t.trialId);
    expect(trial.warning_sent_at).toEqual(at(t.handedOffAt, 10));
    expect(trial.state).toBe("running");
    const [mail, ...more] = mailTo(w, t.adminEmail).filter((m) => m.subject.includes("still useful"));
    expect(more).toHaveLength(0);
    expect(mail?.subject).toBe(`Is ${t.company}'s instance still useful to you?`);
    expect(mail?.envelopeTo).toContain(w.growth.email); // cc the growth owner
    expect(mail?.text).toContain(`https://${t.slug}.cloud.example`);
    // The warning names the termination day: hand-off + 15 days.
    expect(mail?.text).toContain(at(t.handedOffAt, 15).toISOString().slice(0, 10));
    const alerts = (await channelMessages(w, "#cloud-trial-alerts")).filter((m) => m.subject_id === t.trialId);
    expect(alerts.map((m) => m.rule_id)).toEqual(["T9.warning"]);
    expect(alerts[0]?.text).toContain("Unused trial");
    for (const [type, id] of [["trial", t.trialId], ["lead", t.leadId]] as const) {
      const event = (await timeline(w, type, id)).find((e) => e.kind === "trial.unused_warning_sent");
      expect(event, `${type} timeline`).toMatchObject({ rule_id: "T9.warning", pack_version: w.server.ctx.packs.current().version });
    }
  });

  it("T9 does not warn when a code host is configured", async () => {
    const t = await handedOffTrial(w);
    const res = await sendPing(w.server, t.ingestToken, { codeHostsConfigured: 1 });
    expect(res.statusCode, res.body).toBe(202);
    const activated = await trialRow(w, t.trialId);
    expect(activated.activated_at).not.toBeNull();
    expect((await timeline(w, "trial", t.trialId)).map((e) => e.kind)).toContain("trial.activated");

    await advance(w, 16);
    const trial = await trialRow(w, t.trialId);
    expect(trial).toMatchObject({ state: "running", warning_sent_at: null });
    expect(await firings(w, "T9.warning", t.trialId)).toEqual([]);
    expect(mailTo(w, t.adminEmail).filter((m) => /still useful|shut down/.test(m.subject))).toHaveLength(0);
  });

  it("T9 terminates at day 15 when still unused and unanswered", async () => {
    const t = await handedOffTrial(w);
    await advance(w, 14.9);
    expect((await trialRow(w, t.trialId)).state).toBe("running");
    await advance(w, 0.2);

    const trial = await trialRow(w, t.trialId);
    expect(trial).toMatchObject({ state: "terminated", decision: null });
    expect(trial.closed_at).toEqual(at(t.handedOffAt, 15));
    expect(trial.close_reason).toMatch(/unused 15 days/);
    expect((await instanceRow(w, t.instanceId)).status).toBe("terminated");
    expect((await timeline(w, "instance", t.instanceId)).some((e) => e.kind === "instance.updated" && e.rule_id === "T9.terminate")).toBe(true);

    const shutDown = mailTo(w, t.adminEmail).filter((m) => m.subject === `${t.company}'s trial instance was shut down`);
    expect(shutDown).toHaveLength(1);
    expect(shutDown[0]?.text).toContain("in the first 15 days");
    const alerts = (await channelMessages(w, "#cloud-trial-alerts")).filter((m) => m.subject_id === t.trialId);
    expect(alerts.map((m) => m.rule_id)).toEqual(["T9.warning", "T9.terminate"]);
    const cloudOps = (await channelMessages(w, "#discuss-cloud-ops")).filter((m) => m.subject_id === t.trialId);
    expect(cloudOps).toHaveLength(1);
    expect(cloudOps[0]?.text).toContain(`Tear down trial instance ${t.slug}`);
    const kinds = (await timeline(w, "lead", t.leadId)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["trial.unused_warning_sent", "trial.terminated"]));
  });

  it("T9 keeps the trial when the admin answered", async () => {
    const t = await handedOffTrial(w);
    await advance(w, 11);
    expect((await trialRow(w, t.trialId)).warning_sent_at).not.toBeNull();
    const res = await w.server.app.inject({
      method: "POST",
      url: `/api/v1/trials/${t.trialId}/admin-answered`,
      headers: await asRole(w.server, "growth"),
      payload: { note: "Back from holiday next week, will connect GitHub then" },
    });
    expect(res.statusCode, res.body).toBe(200);

    await advance(w, 10);
    const trial = await trialRow(w, t.trialId);
    expect(trial.state).toBe("running");
    expect(trial.admin_answered_at).not.toBeNull();
    expect(await firings(w, "T9.terminate", t.trialId)).toEqual([]);
    expect(mailTo(w, t.adminEmail).filter((m) => m.subject.includes("shut down"))).toHaveLength(0);
    const answered = (await timeline(w, "trial", t.trialId)).find((e) => e.kind === "trial.admin_answered");
    expect(answered?.summary).toContain("Back from holiday");
  });

  it("T9 a colleague joining after the warning stops the termination", async () => {
    const t = await handedOffTrial(w);
    await advance(w, 12);
    const res = await sendEvents(w.server, t.ingestToken, [{ user: "colleague@example.com", event: "search.submitted", timestamp: w.server.ctx.clock.now().toISOString() }]);
    expect(res.statusCode, res.body).toBe(202);
    await advance(w, 5);
    expect((await trialRow(w, t.trialId)).state).toBe("running");
    expect((await instanceRow(w, t.instanceId)).status).toBe("active");
  });
});
