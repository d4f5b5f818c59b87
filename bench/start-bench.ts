import { spawn } from "node:child_process";
import { readFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

export interface StartSample {
  ms: number;
  peakRssMb: number;
}

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");

/** Peak resident set (VmHWM) of a live process, in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? "0");
  return kb / 1024;
}

async function waitReady(url: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} not ready in time`);
}

/** Time from spawning `trellis <args>` to /readyz answering 200, and its peak RSS then. */
export async function timeStart(args: string[], env: NodeJS.ProcessEnv, port: number): Promise<StartSample> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, ...args, "--port", String(port)], { env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: "ignore" });
  try {
    await waitReady(`http://127.0.0.1:${port}/readyz`, t0 + 120_000);
    const ms = performance.now() - t0;
    return { ms, peakRssMb: peakRssMb(child.pid!) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

/** Baseline: a bare process that only opens the same PGlite data directory (the floor). */
export async function timeBarePGliteOpen(dataDir: string): Promise<StartSample> {
  const script = `const t=performance.now();const {PGlite}=await import("@electric-sql/pglite");const pg=new PGlite({dataDir:${JSON.stringify(dataDir)}});await pg.waitReady;await pg.query("select 1");const s=require("fs").readFileSync("/proc/self/status","utf8");console.log(JSON.stringify({ms:performance.now()-t,kb:Number(/VmHWM:\\s+(\\d+)/.exec(s)[1])}));await pg.close();`;
  const t0 = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script.replace('require("fs")', '(await import("node:fs"))')], { cwd: ROOT });
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`bare PGlite open exited ${code}`))));
  });
  const parsed = JSON.parse(out) as { kb: number };
  return { ms: performance.now() - t0, peakRssMb: parsed.kb / 1024 };
}

export function scratchDir(name: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `trellis-bench-${name}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
