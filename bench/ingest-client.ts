import http from "node:http";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Reply, Request } from "./ingest-protocol.js";

/** The benchmark's side of the server process: IPC requests, keep-alive HTTP, and its memory. */
export interface BenchServer {
  port: number;
  pid: number;
  request<T extends Record<string, unknown>>(req: DistributiveOmit<Request, "id">): Promise<T>;
  post(path: string, token: string, body: string): Promise<{ status: number; text: string }>;
  /** Resident set (VmRSS) and its peak so far (VmHWM), MB. */
  memory(): { rssMb: number; hwmMb: number };
  stop(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  // Compiled (dist/bench/*.js) or run with tsx (bench/*.ts): the server file sits beside this one.
  const ts = import.meta.url.endsWith(".ts");
  const file = new URL(`./ingest-server.${ts ? "ts" : "js"}`, import.meta.url).pathname;
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...(ts ? ["--import", "tsx"] : []), file], {
    env: { ...process.env, ...env, LOG_LEVEL: "silent" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<Reply>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited early (${code})`)));
    child.on("message", (m: Reply) => {
      if (m.id === 0) return resolve(m);
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve(m);
    });
  });
  const hello = await ready;
  const port = Number(hello.port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const procStatus = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

  return {
    port,
    pid: child.pid ?? 0,
    request<T>(req: DistributiveOmit<Request, "id">): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: (r) => resolve(r as unknown as T), reject });
        child.send({ ...req, id });
      });
    },
    post(path, token, body) {
      return new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            path,
            method: "POST",
            agent,
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    },
    memory: () => ({ rssMb: procStatus("VmRSS"), hwmMb: procStatus("VmHWM") }),
    async stop() {
      agent.destroy();
      const id = nextId++;
      child.send({ cmd: "stop", id });
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
