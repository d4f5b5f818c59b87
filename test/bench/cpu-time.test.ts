import { describe, expect, it } from "vitest";
import { processCpuMs, startCpuClock, statCpuMs } from "../../bench/cpu-time.js";

describe("bench CPU time (bench/cpu-time.ts)", () => {
  it("reads utime and stime past a command name that holds spaces and brackets", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const stat = "4242 (postgres: a) b) S 1 4242 4242 0 -1 4194560 100 0 0 0 123 45 0 0 20 0 1 0";
    expect(statCpuMs(stat)).toBe((123 + 45) * 10);
    expect(statCpuMs("not a stat line")).toBeNull();
    expect(statCpuMs("1 (x) S 1 2")).toBeNull();
  });

  it("counts a process's CPU time, and none for a process that does not exist", () => {
    const self = processCpuMs(process.pid);
    if (process.platform === "linux") expect(self).toBeGreaterThanOrEqual(0);
    expect(processCpuMs(2 ** 30)).toBeNull();
  });

  it("leaves the database out of a step that ran on PGlite", () => {
    const stop = startCpuClock(false, process.pid);
    const cpu = stop();
    expect(cpu.nodeMs).toBeGreaterThanOrEqual(0);
    expect(cpu).not.toHaveProperty("dbMs");
    expect(cpu).not.toHaveProperty("dbBackendMs");
  });
});
