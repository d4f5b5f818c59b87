import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  addWorkingHours,
  isWorkingTime,
  nextWorkingStart,
  provisioningDueAt,
  slaClock,
  workingMsBetween,
  type BusinessCalendar,
} from "../../src/platform/calendar/business-calendar.js";
import { isKnownTimeZone } from "../../src/platform/calendar/zoned-time.js";
import { defaultPack as defaultPackInput } from "../../src/pack/default-pack.js";
import { validatePack } from "../../src/platform/pack/load-pack.js";

// 2026-01-05 is a Monday; 2026-01-09 a Friday; 2026-01-10 a Saturday.
const at = (iso: string): Date => new Date(iso);
const H = 3_600_000;
const M = 60_000;
const defaultPack = validatePack(defaultPackInput, "default");
const gmt = defaultPack.businessCalendar;
const london: BusinessCalendar = { ...gmt, timeZone: "Europe/London" };
const newYork: BusinessCalendar = { timeZone: "America/New_York", workingDays: [1, 2, 3, 4, 5], dayStartHour: 9, dayEndHour: 17 };

describe("business calendar (X cloud SLAs: Mon–Fri 07:00–22:00 GMT)", () => {
  it("X the default pack calendar is Mon–Fri 07:00–22:00 UTC", () => {
    expect(gmt).toEqual({ timeZone: "UTC", workingDays: [1, 2, 3, 4, 5], dayStartHour: 7, dayEndHour: 22 });
  });

  it("X working time is [07:00, 22:00) on working days: 22:00 exactly is outside", () => {
    expect(isWorkingTime(gmt, at("2026-01-05T07:00:00Z"))).toBe(true);
    expect(isWorkingTime(gmt, at("2026-01-05T06:59:59Z"))).toBe(false);
    expect(isWorkingTime(gmt, at("2026-01-05T21:59:59Z"))).toBe(true);
    expect(isWorkingTime(gmt, at("2026-01-05T22:00:00Z"))).toBe(false);
    expect(isWorkingTime(gmt, at("2026-01-10T12:00:00Z"))).toBe(false); // Saturday
    expect(isWorkingTime(gmt, at("2026-01-11T12:00:00Z"))).toBe(false); // Sunday
  });

  it("X Friday 21:30 + 1 working hour is Monday 07:30", () => {
    expect(addWorkingHours(gmt, at("2026-01-09T21:30:00Z"), 1)).toEqual(at("2026-01-12T07:30:00Z"));
  });

  it("X adding working hours within a day, to the day's end, and from outside working time", () => {
    expect(addWorkingHours(gmt, at("2026-01-05T09:00:00Z"), 1)).toEqual(at("2026-01-05T10:00:00Z"));
    expect(addWorkingHours(gmt, at("2026-01-05T21:00:00Z"), 1)).toEqual(at("2026-01-05T22:00:00Z"));
    expect(addWorkingHours(gmt, at("2026-01-05T22:00:00Z"), 1)).toEqual(at("2026-01-06T08:00:00Z"));
    expect(addWorkingHours(gmt, at("2026-01-05T03:00:00Z"), 0.5)).toEqual(at("2026-01-05T07:30:00Z"));
    expect(addWorkingHours(gmt, at("2026-01-10T12:00:00Z"), 2)).toEqual(at("2026-01-12T09:00:00Z"));
    expect(addWorkingHours(gmt, at("2026-01-10T12:00:00Z"), 0)).toEqual(at("2026-01-10T12:00:00Z"));
    expect(() => addWorkingHours(gmt, at("2026-01-05T09:00:00Z"), -1)).toThrow(RangeError);
  });

  it("X working days are full days of working time (15 h by default)", () => {
    expect(addWorkingDays(gmt, at("2026-01-05T07:00:00Z"), 1)).toEqual(at("2026-01-05T22:00:00Z"));
    expect(addWorkingDays(gmt, at("2026-01-05T12:00:00Z"), 1)).toEqual(at("2026-01-06T12:00:00Z"));
    expect(addWorkingDays(gmt, at("2026-01-09T12:00:00Z"), 1)).toEqual(at("2026-01-12T12:00:00Z"));
    // X new production instance: 7 working days from agreement (Monday 07:00 → next Tuesday's end)
    expect(addWorkingDays(gmt, at("2026-01-05T07:00:00Z"), 7)).toEqual(at("2026-01-13T22:00:00Z"));
  });

  it("X working time between two instants skips nights and weekends and is signed", () => {
    expect(workingMsBetween(gmt, at("2026-01-09T21:30:00Z"), at("2026-01-12T07:30:00Z"))).toBe(H);
    expect(workingMsBetween(gmt, at("2026-01-12T07:30:00Z"), at("2026-01-09T21:30:00Z"))).toBe(-H);
    expect(workingMsBetween(gmt, at("2026-01-10T00:00:00Z"), at("2026-01-11T23:59:59Z"))).toBe(0);
    expect(workingMsBetween(gmt, at("2026-01-05T00:00:00Z"), at("2026-01-12T00:00:00Z"))).toBe(5 * 15 * H);
    expect(workingMsBetween(gmt, at("2026-01-05T09:00:00Z"), at("2026-01-05T09:00:00Z"))).toBe(0);
  });

  it("X new trial SLA: a signup in working hours is due 1 working hour later", () => {
    expect(provisioningDueAt(defaultPack, at("2026-01-05T09:00:00Z"))).toEqual(at("2026-01-05T10:00:00Z"));
    expect(provisioningDueAt(defaultPack, at("2026-01-09T21:30:00Z"))).toEqual(at("2026-01-12T07:30:00Z"));
  });

  it("X new trial SLA: a signup outside working hours is due 1 working day after the next working start", () => {
    // Saturday → end of Monday's working day
    expect(provisioningDueAt(defaultPack, at("2026-01-10T12:00:00Z"))).toEqual(at("2026-01-12T22:00:00Z"));
    // Tuesday 23:00 and Wednesday 06:59 → end of Wednesday; 22:00 exactly is already outside
    expect(provisioningDueAt(defaultPack, at("2026-01-06T23:00:00Z"))).toEqual(at("2026-01-07T22:00:00Z"));
    expect(provisioningDueAt(defaultPack, at("2026-01-07T06:59:00Z"))).toEqual(at("2026-01-07T22:00:00Z"));
    expect(provisioningDueAt(defaultPack, at("2026-01-06T22:00:00Z"))).toEqual(at("2026-01-07T22:00:00Z"));
  });

  it("X the SLA numbers come from the pack", () => {
    const pack = { ...defaultPack, trials: { ...defaultPack.trials, provisioningSla: { workingHours: 3, outOfHoursWorkingDays: 2 } } };
    expect(provisioningDueAt(pack, at("2026-01-09T20:00:00Z"))).toEqual(at("2026-01-12T08:00:00Z"));
    expect(provisioningDueAt(pack, at("2026-01-10T12:00:00Z"))).toEqual(at("2026-01-13T22:00:00Z"));
  });

  it("finds the next working start", () => {
    expect(nextWorkingStart(gmt, at("2026-01-09T22:00:00Z"))).toEqual(at("2026-01-12T07:00:00Z"));
    expect(nextWorkingStart(gmt, at("2026-01-09T12:00:00Z"))).toEqual(at("2026-01-09T12:00:00Z"));
  });
});

describe("business calendar in IANA time zones (DST)", () => {
  it("follows British Summer Time: 07:00 London is 06:00 UTC in summer, 07:00 UTC in winter", () => {
    expect(isWorkingTime(london, at("2026-07-06T06:30:00Z"))).toBe(true); // 07:30 BST
    expect(isWorkingTime(london, at("2026-01-05T06:30:00Z"))).toBe(false); // 06:30 GMT
    expect(isWorkingTime(london, at("2026-07-06T21:00:00Z"))).toBe(false); // 22:00 BST
  });

  it("counts working time across the spring-forward weekend", () => {
    // Clocks go forward Sunday 2026-03-29; Friday 21:30 GMT + 1 h → Monday 07:30 BST = 06:30 UTC
    expect(addWorkingHours(london, at("2026-03-27T21:30:00Z"), 1)).toEqual(at("2026-03-30T06:30:00Z"));
    expect(workingMsBetween(london, at("2026-03-27T21:30:00Z"), at("2026-03-30T06:30:00Z"))).toBe(H);
  });

  it("counts working time across the fall-back weekend in New York", () => {
    // Clocks go back Sunday 2026-11-01; Friday 16:30 EDT (20:30 UTC) + 1 h → Monday 09:30 EST (14:30 UTC)
    expect(addWorkingHours(newYork, at("2026-10-30T20:30:00Z"), 1)).toEqual(at("2026-11-02T14:30:00Z"));
    // Friday 10:00 EDT + one 8-hour working day → Monday 10:00 EST
    expect(addWorkingDays(newYork, at("2026-10-30T14:00:00Z"), 1)).toEqual(at("2026-11-02T15:00:00Z"));
  });

  it("a day whose working hours contain the DST change has one hour less (or more) of working time", () => {
    const allWeek: BusinessCalendar = { timeZone: "Europe/London", workingDays: [1, 2, 3, 4, 5, 6, 7], dayStartHour: 0, dayEndHour: 24 };
    expect(workingMsBetween(allWeek, at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"))).toBe(24 * H);
    expect(workingMsBetween(allWeek, at("2026-03-28T00:00:00Z"), at("2026-03-29T23:00:00Z"))).toBe(47 * H);
    expect(workingMsBetween(allWeek, at("2026-10-24T23:00:00Z"), at("2026-10-26T00:00:00Z"))).toBe(25 * H);
  });

  it("rejects time zones the runtime does not know", () => {
    expect(isKnownTimeZone("Europe/London")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(() => isWorkingTime({ ...gmt, timeZone: "Mars/Olympus_Mons" }, at("2026-01-05T09:00:00Z"))).toThrow(/time zone/);
  });
});

describe("SLA clock", () => {
  const startAt = at("2026-01-05T09:00:00Z");
  const dueAt = at("2026-01-05T10:00:00Z");
  const clock = (now: string, doneAt?: string) =>
    slaClock(gmt, { startAt, dueAt, now: at(now), doneAt: doneAt ? at(doneAt) : null });

  it("X is ok with plenty of working time left, amber under 25%, red once overdue", () => {
    expect(clock("2026-01-05T09:10:00Z")).toEqual({ state: "ok", workingMsLeft: 50 * M, workingMsAllowed: H });
    expect(clock("2026-01-05T09:45:00Z").state).toBe("ok"); // exactly 25% left
    expect(clock("2026-01-05T09:46:00Z")).toMatchObject({ state: "amber", workingMsLeft: 14 * M });
    expect(clock("2026-01-05T10:00:00Z")).toMatchObject({ state: "amber", workingMsLeft: 0 });
    expect(clock("2026-01-05T13:00:00Z")).toMatchObject({ state: "red", workingMsLeft: -3 * H });
  });

  it("X overdue time is working time: a weekend does not add to it", () => {
    const c = slaClock(gmt, { startAt: at("2026-01-09T21:00:00Z"), dueAt: at("2026-01-09T22:00:00Z"), now: at("2026-01-11T12:00:00Z") });
    expect(c).toEqual({ state: "red", workingMsLeft: 0, workingMsAllowed: H });
  });

  it("X a clock that starts out of hours keeps its time over the weekend", () => {
    const c = slaClock(gmt, { startAt: at("2026-01-10T12:00:00Z"), dueAt: at("2026-01-12T22:00:00Z"), now: at("2026-01-11T12:00:00Z") });
    expect(c).toEqual({ state: "ok", workingMsLeft: 15 * H, workingMsAllowed: 15 * H });
  });

  it("X is met or missed once done, with the margin measured at completion", () => {
    expect(clock("2026-01-06T09:00:00Z", "2026-01-05T09:40:00Z")).toEqual({ state: "met", workingMsLeft: 20 * M, workingMsAllowed: H });
    expect(clock("2026-01-06T09:00:00Z", "2026-01-05T10:00:00Z").state).toBe("met");
    expect(clock("2026-01-06T09:00:00Z", "2026-01-05T11:00:00Z")).toEqual({ state: "missed", workingMsLeft: -H, workingMsAllowed: H });
  });
});
