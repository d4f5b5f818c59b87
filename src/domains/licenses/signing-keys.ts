import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { Config } from "../../platform/config/config.js";
import type { Logger } from "../../platform/log/logger.js";

/**
 * Ed25519 license signing keys, one file per key in the keys directory (0700), each file 0600:
 * `signing-key-0001.json` = {kid, createdAt, privateKey (PKCS#8 PEM)}. The highest number
 * signs; every key verifies (rotation). Files are read once per process and cached; the
 * private key never leaves this module except as a KeyObject and is never logged.
 */
export interface SigningKey {
  kid: string;
  seq: number;
  createdAt: Date;
  publicKey: KeyObject;
  publicKeyPem: string;
  privateKey: KeyObject;
}

const RECHECK_MS = 1000;
const FILE = /^signing-key-(\d{4,})\.json$/;
const fileName = (seq: number) => `signing-key-${String(seq).padStart(4, "0")}.json`;

/** Short, stable id of a public key: the first 16 hex digits of SHA-256 over its SPKI DER. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);
}

/** Where the keys live: TRELLIS_LICENSE_KEYS_DIR, else `<dataDir>/keys`. */
export function keysDirOf(config: Pick<Config, "licenseKeysDir" | "dataDir">): string {
  return resolve(config.licenseKeysDir ?? join(config.dataDir, "keys"));
}

export class KeyRing {
  private keys: SigningKey[] | null = null;
  private readMtime = -1;
  private checkedAt = performance.now();

  constructor(
    readonly dir: string,
    private readonly log?: Logger,
    /** How often signing() looks for a rotation by another process. */
    private readonly recheckMs = RECHECK_MS,
  ) {}

  /** All keys, oldest first (read from disk once). */
  all(): SigningKey[] {
    this.keys ??= this.read();
    return this.keys;
  }

  /**
   * The newest key; creates the first one when the directory has none. A rotation by another
   * process (`trellis license rotate-key`) changes the directory's mtime: a stat at most once a
   * second notices it, so every process signs with the new key within a second.
   */
  signing(now: Date): SigningKey {
    // A monotonic timer, not the clock: it only spaces the stat calls (at most one a second).
    const tick = performance.now();
    if (this.keys !== null && tick - this.checkedAt >= this.recheckMs) {
      this.checkedAt = tick;
      if (this.dirMtime() !== this.readMtime) this.keys = null;
    }
    const newest = this.all().at(-1);
    return newest ?? this.create(1, now);
  }

  /** A key by id. A miss re-reads the directory once: another process may have rotated. */
  find(kid: string): SigningKey | undefined {
    const hit = this.all().find((k) => k.kid === kid);
    if (hit) return hit;
    this.keys = this.read();
    return this.keys.find((k) => k.kid === kid);
  }

  /** Adds a newer key, which signs from now on; the older ones keep verifying. */
  rotate(now: Date): SigningKey {
    this.keys = this.read();
    return this.create((this.keys.at(-1)?.seq ?? 0) + 1, now);
  }

  private dirMtime(): number {
    try {
      return statSync(this.dir).mtimeMs;
    } catch {
      return -1;
    }
  }

  private read(): SigningKey[] {
    this.readMtime = this.dirMtime();
    if (this.readMtime === -1) return [];
    const keys: SigningKey[] = [];
    for (const name of readdirSync(this.dir)) {
      const m = FILE.exec(name);
      if (!m) continue;
      const path = join(this.dir, name);
      if ((statSync(path).mode & 0o077) !== 0) this.log?.warn({ path }, "license signing key file is readable by others: chmod 600 it");
      keys.push(parseKeyFile(readFileSync(path, "utf8"), Number(m[1]), path));
    }
    return keys.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Writes the key to a temporary file, then links it to its final name: the link either
   * succeeds with the whole file or fails because another process got there first, in which
   * case that process's key is used (two processes starting at once agree on one key).
   */
  private create(seq: number, now: Date): SigningKey {
    if (!existsSync(this.dir)) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      chmodSync(this.dir, 0o700);
    }
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const kid = keyIdOf(publicKey);
    const body = JSON.stringify({ kid, createdAt: now.toISOString(), privateKey: privateKey.export({ type: "pkcs8", format: "pem" }) }, null, 2);
    const tmp = join(this.dir, `.tmp-${randomBytes(6).toString("hex")}`);
    writeFileSync(tmp, body, { mode: 0o600, flag: "wx" });
    chmodSync(tmp, 0o600);
    try {
      linkSync(tmp, join(this.dir, fileName(seq)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      this.keys = this.read();
      const theirs = this.keys.at(-1);
      if (!theirs) throw e;
      return theirs;
    } finally {
      unlinkSync(tmp);
    }
    this.keys = this.read();
    // The kid and path only: the key itself never reaches a log line.
    this.log?.info({ kid, dir: this.dir }, "license signing key created");
    const created = this.keys.find((k) => k.kid === kid);
    if (!created) throw new Error(`license signing key ${kid} vanished right after it was written to ${this.dir}`);
    return created;
  }
}

function parseKeyFile(text: string, seq: number, path: string): SigningKey {
  try {
    const raw = JSON.parse(text) as { kid?: unknown; createdAt?: unknown; privateKey?: unknown };
    if (typeof raw.privateKey !== "string" || typeof raw.createdAt !== "string") throw new Error("needs privateKey and createdAt");
    const privateKey = createPrivateKey(raw.privateKey);
    if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("is not an Ed25519 key");
    const publicKey = createPublicKey(privateKey);
    const kid = keyIdOf(publicKey);
    if (raw.kid !== undefined && raw.kid !== kid) throw new Error(`says kid ${String(raw.kid)} but its key has kid ${kid}`);
    const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    return { kid, seq, createdAt: new Date(raw.createdAt), publicKey, publicKeyPem, privateKey };
  } catch (e) {
    // The message names the file, never its content.
    throw new Error(`license signing key file ${path} is unreadable: ${(e as Error).message}`);
  }
}

const rings = new Map<string, KeyRing>();

/** The process's key ring for the configured directory (cached: keys are read once). */
export function keyRing(config: Pick<Config, "licenseKeysDir" | "dataDir">, log?: Logger): KeyRing {
  const dir = keysDirOf(config);
  let ring = rings.get(dir);
  if (!ring) {
    ring = new KeyRing(dir, log);
    rings.set(dir, ring);
  }
  return ring;
}

/** Public halves for anyone to verify offline (GET /api/v1/license-keys). */
export interface PublicKeyView {
  kid: string;
  algorithm: "Ed25519";
  publicKey: string;
  createdAt: string;
  /** The key new licenses are signed with. */
  current: boolean;
}

export function publicKeys(ring: KeyRing, now: Date): PublicKeyView[] {
  const current = ring.signing(now);
  return [...ring.all()].reverse().map((k) => ({
    kid: k.kid,
    algorithm: "Ed25519" as const,
    publicKey: k.publicKeyPem,
    createdAt: k.createdAt.toISOString(),
    current: k.kid === current.kid,
  }));
}
