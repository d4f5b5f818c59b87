import { createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { AppError } from "../../platform/errors/app-error.js";
import { keyIdOf } from "./signing-keys.js";

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/**
 * Public keys for offline verification from a file: PEM block(s), or the JSON answer of
 * GET /api/v1/license-keys. Key ids are computed from the keys, never taken from the file.
 */
export function publicKeysFromFile(path: string): (kid: string) => KeyObject | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new AppError("validation_failed", `--public-key: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  const pems = text.trimStart().startsWith("{") ? pemsFromJson(text, path) : (text.match(PEM_BLOCK) ?? []);
  const keys = new Map<string, KeyObject>();
  for (const pem of pems) {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new AppError("validation_failed", `--public-key: ${path} holds a PEM block that is not a valid public key.`);
    }
    if (key.asymmetricKeyType !== "ed25519") throw new AppError("validation_failed", `--public-key: ${path} holds a ${key.asymmetricKeyType ?? "?"} key, not Ed25519.`);
    keys.set(keyIdOf(key), key);
  }
  if (keys.size === 0) throw new AppError("validation_failed", `--public-key: ${path} holds no "BEGIN PUBLIC KEY" PEM block.`);
  return (kid) => keys.get(kid);
}

function pemsFromJson(text: string, path: string): string[] {
  try {
    const parsed = JSON.parse(text) as { keys?: { publicKey?: unknown }[] };
    return (parsed.keys ?? []).map((k) => k.publicKey).filter((p): p is string => typeof p === "string");
  } catch {
    throw new AppError("validation_failed", `--public-key: ${path} is neither PEM nor the JSON of /api/v1/license-keys.`);
  }
}
