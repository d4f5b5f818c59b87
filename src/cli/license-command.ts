import { COMMON_USAGE, commonOptions, configFrom, stringOpt, UsageError, type Command, type CommandArgs } from "./command.js";
import { withContext } from "./with-context.js";
import { SystemClock } from "../platform/clock/clock.js";
import { systemActor } from "../platform/timeline/actor.js";
import { createSubscription } from "../domains/licenses/create-subscription.js";
import { issueLicense } from "../domains/licenses/issue-license.js";
import { decodeLicenseKey, verifyLicenseKey } from "../domains/licenses/license-key.js";
import { keyRing } from "../domains/licenses/signing-keys.js";
import { publicKeysFromFile } from "../domains/licenses/public-key-file.js";

const cliActor = systemActor("cli");
const HELP = "see trellis license --help";

export const licenseCommand: Command = {
  name: "license",
  summary: "License keys: create, verify and inspect offline, rotate the signing key",
  usage: `trellis license create --licensee NAME --users N --expires DATE [--tags a,b] [--subscription ID | --name SUBSCRIPTION]
       trellis license verify KEY [--public-key FILE]     exit 0 valid, 1 not valid (one line says why)
       trellis license inspect KEY [--public-key FILE]    the payload and the verification result
       trellis license rotate-key                         a new signing key; older keys keep verifying
       trellis license public-keys                        the public keys (PEM) to verify offline
  --users 0 means unlimited. DATE is 2027-01-01 (00:00 UTC) or an ISO instant.
  Without --subscription, create opens a production subscription (named --name, default the licensee).
  verify and inspect read no database: the public key comes from --public-key (a PEM file, or the
  JSON of GET /api/v1/license-keys) or else from the signing keys directory (TRELLIS_LICENSE_KEYS_DIR,
  default <data dir>/keys).
${COMMON_USAGE}`,
  options: {
    ...commonOptions,
    licensee: { type: "string" },
    users: { type: "string" },
    tags: { type: "string" },
    expires: { type: "string" },
    subscription: { type: "string" },
    name: { type: "string" },
    "public-key": { type: "string" },
  },
  positionals: true,
  async run(args) {
    const [sub, ...rest] = args.positionals;
    switch (sub) {
      case "create":
        noExtra(rest);
        return create(args);
      case "verify":
      case "inspect":
        return check(args, sub, rest);
      case "rotate-key": {
        noExtra(rest);
        const ring = keyRing(configFrom(args.values));
        const key = ring.rotate(new SystemClock().now());
        console.log(`New signing key ${key.kid} in ${ring.dir}: it signs new licenses from now on; ${ring.all().length - 1} older key(s) keep verifying.`);
        return 0;
      }
      case "public-keys": {
        noExtra(rest);
        const ring = keyRing(configFrom(args.values));
        if (ring.all().length === 0) throw new UsageError(`no signing keys in ${ring.dir} yet (they are created on first use)`);
        for (const k of [...ring.all()].reverse()) console.log(`# kid ${k.kid}, created ${k.createdAt.toISOString()}\n${k.publicKeyPem.trim()}`);
        return 0;
      }
      default:
        throw new UsageError(`license needs create, verify, inspect, rotate-key or public-keys (${HELP})`);
    }
  },
};

function noExtra(rest: string[]): void {
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" (${HELP})`);
}

function required(values: CommandArgs["values"], name: string): string {
  const v = stringOpt(values, name);
  if (v === undefined || v.trim() === "") throw new UsageError(`--${name} is required (${HELP})`);
  return v;
}

function parseExpires(raw: string): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) throw new UsageError(`--expires: "${raw}" is not a date like 2027-01-01 (${HELP})`);
  return d;
}

async function create({ values }: CommandArgs): Promise<number> {
  const users = required(values, "users");
  if (!/^\d+$/.test(users)) throw new UsageError(`--users: "${users}" is not a whole number (0 = unlimited)`);
  const licensee = required(values, "licensee");
  const expiresAt = parseExpires(required(values, "expires"));
  const tags = (stringOpt(values, "tags") ?? "").split(",");
  const subscriptionId = stringOpt(values, "subscription");
  const config = configFrom(values);
  const terms = { licensee, userCount: Number(users), tags, expiresAt, actor: cliActor };
  const created = await withContext(config, (ctx) =>
    ctx.db.transaction().execute(async (trx) =>
      subscriptionId
        ? { subscriptionId, ...(await issueLicense(trx, ctx, { ...terms, subscriptionId })) }
        : createSubscription(trx, ctx, { ...terms, name: stringOpt(values, "name") ?? licensee, kind: "production" }),
    ),
  );
  console.error(`License ${created.licenseId} on subscription ${created.subscriptionId}: ${licensee.trim()}, ${users === "0" ? "unlimited" : users} users, expires ${expiresAt.toISOString()}.`);
  // The key alone on stdout, so `KEY=$(trellis license create …)` works.
  console.log(created.licenseKey);
  return 0;
}

function check({ values }: CommandArgs, sub: "verify" | "inspect", rest: string[]): number {
  const [key, ...extra] = rest;
  if (!key) throw new UsageError(`give the license key: trellis license ${sub} KEY (${HELP})`);
  noExtra(extra);
  const file = stringOpt(values, "public-key");
  let lookup = file ? publicKeysFromFile(file) : undefined;
  if (!lookup) {
    const ring = keyRing(configFrom(values));
    lookup = (kid: string) => ring.find(kid)?.publicKey;
  }
  const result = verifyLicenseKey(key, lookup, new SystemClock().now());
  if (sub === "inspect") {
    const decoded = decodeLicenseKey(key);
    console.log(JSON.stringify(decoded.ok ? decoded.payload : null, null, 2));
  }
  const line = result.valid ? result.message : `not valid (${result.reason}): ${result.message}`;
  if (result.valid) console.log(line);
  else console.error(`trellis: ${line}`);
  return result.valid ? 0 : 1;
}
