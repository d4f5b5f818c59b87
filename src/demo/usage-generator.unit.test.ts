import { describe, expect, it } from "vitest";
import { loadPack } from "../platform/pack/load-pack.js";
import { maxActiveDaysInWindow } from "../domains/usage/pql-criteria.js";
import { generateUsage, mulberry32, usagePlan, USAGE_PROFILES, type UsageDay, type UsageGeneratorOptions, type UsageProfile } from "./usage-generator.js";

const { pack } = loadPack(undefined);
const to = new Date("2026-03-02T15:00:00Z"); // a Monday afternoon
const options = (profile: UsageProfile, extra: Partial<UsageGeneratorOptions> = {}): UsageGeneratorOptions => ({
  profile,
  domain: "acme.com",
  seed: "acme",
  from: profile === "thriving" || profile === "adopting" || profile === "declining" ? "2025-11-03" : "2026-02-15",
  to,
  catalog: pack.usage,
  seats: 200,
  ...extra,
});
const days = (o: UsageGeneratorOptions): UsageDay[] => [...generateUsage(o)];
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const activeDays = (ds: UsageDay[]) => {
  const byUser = new Map<string, Set<string>>();
  for (const d of ds) for (const e of d.events) byUser.set(e.user, (byUser.get(e.user) ?? new Set()).add(d.day));
  return byUser;
};

describe("usage generator", () => {
  it("mulberry32 is deterministic and spread over [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(avg(xs)).toBeGreaterThan(0.45);
    expect(avg(xs)).toBeLessThan(0.55);
  });

  it("gives the same events, ids and pings for the same options, and others for another seed", () => {
    for (const profile of USAGE_PROFILES) expect(days(options(profile))).toEqual(days(options(profile)));
    const a = days(options("pql"));
    const b = days(options("pql", { seed: "globex" }));
    expect(a.map((d) => d.events.length)).not.toEqual(b.map((d) => d.events.length));
  });

  it("keeps events inside the range, ids unique, users at the company domain, event names known", () => {
    const known = new Set([...pack.usage.features.flatMap((f) => f.events), "page.viewed", "repository.viewed", "file.viewed"]);
    for (const profile of USAGE_PROFILES) {
      const ds = days(options(profile));
      const ids = new Set<string>();
      const bad: unknown[] = [];
      for (const d of ds) {
        for (const e of d.events) {
          const ok =
            e.occurredAt.getTime() <= to.getTime() &&
            e.occurredAt.toISOString().slice(0, 10) === d.day &&
            /^[a-z0-9.]+@acme\.com$/.test(e.user) &&
            known.has(e.event ?? "");
          if (!ok) bad.push({ day: d.day, ...e });
          ids.add(e.key);
        }
      }
      expect(bad.slice(0, 3)).toEqual([]);
      expect(ids.size).toBe(ds.reduce((n, d) => n + d.events.length, 0));
      expect(ds[ds.length - 1]?.day).toBe("2026-03-02");
    }
  });

  it("sends pings consistent with the events", () => {
    const ds = days(options("adopting"));
    for (const [i, d] of ds.entries()) {
      expect(d.ping.day).toBe(d.day);
      expect(d.ping.dau).toBe(new Set(d.events.map((e) => e.user)).size);
      const week = new Set(ds.slice(Math.max(0, i - 6), i + 1).flatMap((x) => x.events.map((e) => e.user)));
      // The first days of a production range also count users active before it.
      if (i >= 30) expect(d.ping.wau).toBe(week.size);
      expect(d.ping.wau).toBeGreaterThanOrEqual(d.ping.dau);
      expect(d.ping.mau).toBeGreaterThanOrEqual(d.ping.wau);
      expect(d.ping.totalUsers).toBeGreaterThanOrEqual(d.ping.mau);
      expect(pack.usage.releases).toContain(d.ping.version);
    }
  });

  it("thriving: MAU at least 0.8 of seats, weekday-heavy, every feature, code hosts and repositories", () => {
    const ds = days(options("thriving"));
    const last = ds[ds.length - 1]!.ping;
    expect(last.mau / 200).toBeGreaterThanOrEqual(0.8);
    const weekday = ds.filter((d) => ![0, 6].includes(new Date(`${d.day}T00:00:00Z`).getUTCDay()));
    const weekend = ds.filter((d) => [0, 6].includes(new Date(`${d.day}T00:00:00Z`).getUTCDay()));
    expect(avg(weekday.map((d) => d.ping.dau))).toBeGreaterThan(3 * avg(weekend.map((d) => d.ping.dau)));
    expect(last.featuresUsed).toEqual(pack.usage.features.map((f) => f.key).sort());
    expect(last.codeHostsConfigured).toBeGreaterThan(0);
    expect(last.repositories).toBeGreaterThan(100);
    expect(last.version).toBe(pack.usage.releases[pack.usage.releases.length - 1]);
  });

  it("adopting rises and declining falls, on an old version", () => {
    const monthAvg = (ds: UsageDay[], from: number, to_: number) => avg(ds.slice(from, to_).map((d) => d.ping.dau));
    const up = days(options("adopting"));
    expect(monthAvg(up, -30, up.length)).toBeGreaterThan(1.5 * monthAvg(up, 0, 30));
    const down = days(options("declining"));
    expect(monthAvg(down, -30, down.length)).toBeLessThan(0.6 * monthAvg(down, 0, 30));
    expect(down[down.length - 1]!.ping.mau).toBeLessThan(down[0]!.ping.mau);
    expect(down[down.length - 1]!.ping.version).toBe("5.4.0");
  });

  it("idle: only the admin, no code host, rare activity", () => {
    const ds = days(options("idle"));
    const users = new Set(ds.flatMap((d) => d.events.map((e) => e.user)));
    expect([...users]).toEqual([usagePlan(options("idle")).admin]);
    expect(ds.every((d) => d.ping.totalUsers === 1 && d.ping.codeHostsConfigured === 0)).toBe(true);
    expect(ds.filter((d) => d.events.length > 0).length).toBeLessThan(ds.length / 2);
  });

  it("about_to_pql: 6-9 users, nobody at 5 days within 7, the power user at 4 in the last week", () => {
    for (const seed of ["piedpiper", "initrode", "aperture"]) {
      const o = options("about_to_pql", { seed });
      const ds = days(o);
      const plan = usagePlan(o);
      const byUser = activeDays(ds);
      expect(plan.users.length).toBeGreaterThanOrEqual(6);
      expect(plan.users.length).toBeLessThanOrEqual(9);
      for (const ud of byUser.values()) expect(maxActiveDaysInWindow([...ud], 7)).toBeLessThan(5);
      const power = byUser.get(plan.powerUser!) ?? new Set();
      // One more day (today) makes 5 within 7: the T11 power-user line.
      expect(maxActiveDaysInWindow([...power, "2026-03-02"], 7)).toBe(5);
      expect(ds[ds.length - 1]!.ping.mau).toBeLessThanOrEqual(10);
    }
  });

  it("pql: over 10 monthly active users", () => {
    const ds = days(options("pql"));
    expect(ds[ds.length - 1]!.ping.mau).toBeGreaterThan(10);
    expect(ds[ds.length - 1]!.ping.totalUsers).toBeLessThanOrEqual(50);
  });
});
