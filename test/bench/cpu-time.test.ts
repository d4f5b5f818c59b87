import { describe, expect, it } from "vitest";
import { processCpuMs, serverCpuBetween, startCpuClock, statCpu } from "../../bench/cpu-time.js";

describe("bench CPU time (bench/cpu-time.ts)", () => {
  it("reads a process's own and reaped children's CPU past a command name that holds spaces and brackets", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
    const stat = "4242 (postgres: a) b) S 1 4242 4242 0 -1 4194560 100 0 0 0 123 45 6 7 20 0 1 0";
    expect(statCpu(stat)).toEqual({ ownMs: (123 + 45) * 10, reapedMs: (6 + 7) * 10 });
    expect(statCpu("not a stat line")).toBeNull();
    expect(statCpu("1 (x) S 1 2")).toBeNull();
  });

  it("counts the server's CPU across processes that ran throughout, started, or ended and were reaped", () => {
    const cpu = (ownMs: number, reapedMs = 0) => ({ ownMs, reapedMs });
    const before = new Map([
      [1, cpu(100, 50)], // the postmaster
      [2, cpu(1000)], // the step's backend
      [3, cpu(400)], // a connection that closes during the step
    ]);
    const after = new Map([
      [1, cpu(100, 50 + 450 + 300)], // reaped 3 (400 before + 50 during) and a parallel worker (300)
      [2, cpu(3000)],
      [4, cpu(20)], // a connection opened during the step
    ]);
    // 2000 by the backend, 50 by the closed connection, 300 by the worker, 20 by the new one.
    expect(serverCpuBetween(before, after)).toBe(2370);
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
