import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time spent during a measured step, beside its wall time: on a shared 2-core machine the
 * wall time swings with the neighbours' load, while CPU time says how much work the step is
 * (Node's and the database's added up, then halved, is the least wall time two cores could give).
 * - nodeMs: this Node process, every thread (process.cpuUsage); on PGlite it includes the database.
 * - dbMs: every process of the local PostgreSQL server (/proc): the connections, the parallel
 *   workers and autovacuum, the WAL writer, and those that ended meanwhile (serverCpuBetween).
 * - dbBackendMs: the one server process that ran the step's own transaction.
 * The database figures are left out when the server is not on this machine or /proc cannot be read.
 */
export interface CpuTime {
  nodeMs: number;
  dbMs?: number;
  dbBackendMs?: number;
}

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

/** A process's CPU time so far, its own and that of its children it has reaped, in ms. */
export interface ProcessCpu {
  ownMs: number;
  reapedMs: number;
}

/**
 * utime + stime (fields 14 and 15) and cutime + cstime (16 and 17) of a /proc/PID/stat line, in
 * ms; null when it does not read as one.
 */
export function statCpu(stat: string): ProcessCpu | null {
  // The command name (field 2, in brackets) may hold spaces and brackets: the fields after it
  // start past its last ") ".
  const end = stat.lastIndexOf(") ");
  if (end < 0) return null;
  const ticks = stat
    .slice(end + 2)
    .split(" ")
    .slice(11, 15)
    .map(Number);
  if (ticks.length < 4 || !ticks.every((t) => Number.isInteger(t))) return null;
  const [utime = 0, stime = 0, cutime = 0, cstime = 0] = ticks;
  return { ownMs: (utime + stime) * TICK_MS, reapedMs: (cutime + cstime) * TICK_MS };
}

/** utime + stime of one process, in ms, or null when it is gone or /proc is not readable. */
export function processCpuMs(pid: number): number | null {
  try {
    return statCpu(readFileSync(`/proc/${pid}/stat`, "utf8"))?.ownMs ?? null;
  } catch {
    return null;
  }
}

/** The CPU time of each process of this machine's PostgreSQL server, by pid, or null when none is visible. */
function postgresProcesses(): Map<number, ProcessCpu> | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  const out = new Map<number, ProcessCpu>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const name = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
      if (name !== "postgres" && !name.startsWith("postgres:")) continue;
      const cpu = statCpu(readFileSync(`/proc/${entry}/stat`, "utf8"));
      if (cpu) out.set(Number(entry), cpu);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return out.size === 0 ? null : out;
}

/**
 * The server's CPU time between two snapshots. A process that ran throughout counts its growth;
 * one that started counts all of it. One that ended (a parallel worker, an autovacuum worker, a
 * closed connection) was reaped by the postmaster, which then holds its whole CPU time: that
 * growth counts, less what the ended processes had used before the first snapshot.
 */
export function serverCpuBetween(before: ReadonlyMap<number, ProcessCpu>, after: ReadonlyMap<number, ProcessCpu>): number {
  let total = 0;
  for (const [pid, now] of after) {
    const then = before.get(pid);
    total += now.ownMs - (then?.ownMs ?? 0) + (now.reapedMs - (then?.reapedMs ?? 0));
  }
  for (const [pid, then] of before) if (!after.has(pid)) total -= then.ownMs + then.reapedMs;
  return total;
}

/**
 * Starts counting; the returned function gives the CPU time since. `postgres`: the step runs on
 * PostgreSQL (on PGlite the database is in this process: a local server's time is not the
 * step's). `backendPid`: the server process of the step's own transaction (`select pg_backend_pid()`).
 */
export function startCpuClock(postgres: boolean, backendPid?: number): () => CpuTime {
  const node0 = process.cpuUsage();
  const db0 = postgres ? postgresProcesses() : null;
  const backend0 = !postgres || backendPid === undefined ? null : processCpuMs(backendPid);
  return () => {
    const node = process.cpuUsage(node0);
    const out: CpuTime = { nodeMs: Math.round((node.user + node.system) / 1000) };
    const db1 = db0 === null ? null : postgresProcesses();
    if (db0 !== null && db1 !== null) out.dbMs = Math.round(serverCpuBetween(db0, db1));
    const backend1 = backendPid === undefined || backend0 === null ? null : processCpuMs(backendPid);
    if (backend0 !== null && backend1 !== null) out.dbBackendMs = Math.round(backend1 - backend0);
    return out;
  };
}
