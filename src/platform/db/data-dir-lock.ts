import { mkdirSync, openSync, closeSync, writeSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors/app-error.js";

/**
 * The embedded database is one process's: a lockfile with the owner's pid guards the data
 * directory. A lock left by a dead process is taken over; a live owner is a clear error.
 */
export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "trellis.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new AppError(
          "conflict",
          `data directory ${dataDir} is already in use by process ${owner}: stop it, or use another --data-dir, or run on PostgreSQL (DATABASE_URL) for several processes.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError("conflict", `could not lock data directory ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
