import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time spent during a measured step, beside its wall time: on a shared 2-core machine the
 * wall time swings with the neighbours' load, while CPU time says how much work the step is
 * (and, summed over Node and the database, the least wall time two cores could give it).
 * - nodeMs: this Node process, every thread (process.cpuUsage); on PGlite it includes the database.
 * - dbMs: every process of the local PostgreSQL server (/proc), autovacuum and WAL writer included.
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

/** utime + stime (fields 14 and 15) of a /proc/PID/stat line, in ms; null when it does not read as one. */
export function statCpuMs(stat: string): number | null {
  // The command name (field 2, in brackets) may hold spaces and brackets: the fields after it
  // start past its last ") ".
  const end = stat.lastIndexOf(") ");
  if (end < 0) return null;
  const fields = stat.slice(end + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return fields.length > 12 && Number.isInteger(utime) && Number.isInteger(stime) ? (utime + stime) * TICK_MS : null;
}

/** utime + stime of one process, in ms, or null when it is gone or /proc is not readable. */
export function processCpuMs(pid: number): number | null {
  try {
    return statCpuMs(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}

/** The summed CPU time of this machine's PostgreSQL server processes, or null when none is visible. */
export function postgresServerCpuMs(): number | null {
  let total = 0;
  let seen = 0;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let name: string;
    try {
      name = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    if (name !== "postgres" && !name.startsWith("postgres:")) continue;
    const ms = processCpuMs(Number(entry));
    if (ms === null) continue;
    total += ms;
    seen += 1;
  }
  return seen === 0 ? null : total;
}

/**
 * Starts counting; the returned function gives the CPU time since. `postgres`: the step runs on
 * PostgreSQL (on PGlite the database is in this process: a local server's time is not the
 * step's). `backendPid`: the server process of the step's own transaction (`select pg_backend_pid()`).
 */
export function startCpuClock(postgres: boolean, backendPid?: number): () => CpuTime {
  const node0 = process.cpuUsage();
  const db0 = postgres ? postgresServerCpuMs() : null;
  const backend0 = !postgres || backendPid === undefined ? null : processCpuMs(backendPid);
  return () => {
    const node = process.cpuUsage(node0);
    const out: CpuTime = { nodeMs: Math.round((node.user + node.system) / 1000) };
    const db1 = db0 === null ? null : postgresServerCpuMs();
    if (db0 !== null && db1 !== null) out.dbMs = Math.round(db1 - db0);
    const backend1 = backendPid === undefined || backend0 === null ? null : processCpuMs(backendPid);
    if (backend0 !== null && backend1 !== null) out.dbBackendMs = Math.round(backend1 - backend0);
    return out;
  };
}
