import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asRole, sendPing } from "../usage/usage-fixtures.js";
import { advance, DAY_MS, firings, handedOffTrial, lifecycleWorld, leadRow, mailTo, timeline, type LifecycleWorld } from "./fixtures.js";

let w: LifecycleWorld;
beforeAll(async () => {
  w = await lifecycleWorld();
});
afterAll(async () => {
  await w.close();
});

async function companyChannelMembers(leadId: string): Promise<string[] | null> {
  const db = w.server.ctx.db;
  const channel = await db.selectFrom("channels").select("id").where("subject_type", "=", "lead").where("subject_id", "=", leadId).executeTakeFirst();
  if (!channel) return null;
  return (await db.selectFrom("channel_members").select("user_id").where("channel_id", "=", channel.id).execute()).map((m) => m.user_id);
}

describe("T8 booking a CE", () => {
  it("T8 booking emails the SDR and creates the channel", async () => {
    const t = await handedOffTrial(w, { sdrUserId: w.sdr.id, aeUserId: w.ae.id });
    expect(await companyChannelMembers(t.leadId)).toBeNull();
    const bookedFor = new Date(w.server.ctx.clock.now().getTime() + 3 * DAY_MS + 6 * 3_600_000);
    const res = await w.server.app.inject({
      method: "POST",
      url: `/api/v1/leads/${t.leadId}/ce-booking`,
      headers: await asRole(w.server, "sdr"),
      payload: { bookedFor: bookedFor.toISOString(), ceUserId: w.ce.id },
    });
    expect(res.statusCode, res.body).toBe(200);

    const lead = await leadRow(w, t.leadId);
    expect(lead).toMatchObject({ ce_user_id: w.ce.id });
    expect(lead.ce_booked_for).toEqual(bookedFor);
    expect(lead.ce_booked_at).toEqual(w.server.ctx.clock.now());
    expect((await timeline(w, "lead", t.leadId)).map((e) => e.kind)).toContain("lead.ce_booked");

    await w.worker.drain();
    const mail = mailTo(w, w.sdr.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe(`Admin ${t.slug.slice(4)} from ${t.company} booked time: schedule ${w.ce.name}`);
    expect(mail[0]?.envelopeTo).toContain(w.ce.email);
    expect(mail[0]?.text).toContain(`${bookedFor.toISOString().slice(0, 16).replace("T", " ")} UTC`);
    expect(mail[0]?.text).toContain(`/leads/${t.leadId}`);

    // The channel: the AE and CE of the lead, plus the pack's core team (growth).
    expect(await companyChannelMembers(t.leadId)).toEqual(expect.arrayContaining([w.ae.id, w.ce.id, w.growth.id]));
  });

  it("T8 a lead without an SDR reaches the SDR team", async () => {
    const t = await handedOffTrial(w);
    const sent = mailTo(w, w.sdr.email).length;
    const res = await w.server.app.inject({
      method: "POST",
      url: `/api/v1/leads/${t.leadId}/ce-booking`,
      headers: await asRole(w.server, "ce"),
      payload: { bookedFor: new Date(w.server.ctx.clock.now().getTime() + DAY_MS).toISOString() },
    });
    expect(res.statusCode, res.body).toBe(200);
    await w.worker.drain();
    expect(mailTo(w, w.sdr.email)).toHaveLength(sent + 1);
  });
});

describe("T7 onboarding sequence", () => {
  it("T7 onboarding sequence sends each step once", async () => {
    const used = await handedOffTrial(w);
    expect((await sendPing(w.server, used.ingestToken, { codeHostsConfigured: 1 })).statusCode).toBe(202);
    const unused = await handedOffTrial(w);

    await advance(w, 1.9);
    expect(mailTo(w, used.adminEmail)).toHaveLength(0);
    await advance(w, 0.2);
    expect(mailTo(w, used.adminEmail).map((m) => m.subject)).toEqual([`Connect your code to https://${used.slug}.cloud.example`]);
    expect(mailTo(w, used.adminEmail)[0]?.text).toContain("https://docs.example.com/onboarding-checklist");

    await advance(w, 25);
    const subjects = mailTo(w, used.adminEmail).map((m) => m.subject);
    expect(subjects).toEqual([
      `Connect your code to https://${used.slug}.cloud.example`,
      `Invite your team to https://${used.slug}.cloud.example`,
      `Halfway through your ${used.company} trial`,
    ]);
    expect((await firings(w, "T7.onboarding-email", used.trialId)).map((f) => f.period_key)).toEqual(["day-2", "day-5", "day-20"]);
    const events = (await timeline(w, "lead", used.leadId)).filter((e) => e.kind === "trial.onboarding_email_sent");
    expect(events.map((e) => e.rule_id)).toEqual(["T7.onboarding-email", "T7.onboarding-email", "T7.onboarding-email"]);

    // The unused trial was terminated at day 15 (T9): its campaign stopped there.
    expect((await firings(w, "T7.onboarding-email", unused.trialId)).map((f) => f.period_key)).toEqual(["day-2", "day-5"]);
    expect(mailTo(w, unused.adminEmail).map((m) => m.subject)).not.toContain(`Halfway through your ${unused.company} trial`);

    await advance(w, 30);
    expect(mailTo(w, used.adminEmail).filter((m) => !m.subject.startsWith("Trial ended"))).toHaveLength(3);
  });
});
