import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { AllowList, forbiddenKind } from "./address-policy.js";

/** A request to a user-configured URL that the policy refuses (or that is not http/https). */
export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefusedError";
  }
}

export interface CheckedTarget {
  url: URL;
  /** The address the connection must go to: the one that was checked. */
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Parses a URL and refuses anything but http and https. */
export function parseOutboundUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefusedError(`refused: "${raw}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundRefusedError(`refused: ${url.protocol.replace(":", "")} URLs are not allowed; use http or https.`);
  }
  return url;
}

/**
 * Resolves the URL's host and checks every address it resolves to, so that a name with one
 * public and one private address cannot slip through. The caller must connect to the returned
 * address (not resolve again) so that DNS cannot change the answer between check and connect.
 */
export async function checkOutboundTarget(
  raw: string,
  allowEntries: readonly string[],
  resolve: Resolver = systemResolver,
): Promise<CheckedTarget> {
  const url = parseOutboundUrl(raw);
  const allow = new AllowList(allowEntries);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const literal = isIP(host);
  const addresses: LookupAddress[] = literal !== 0 ? [{ address: host, family: literal }] : await resolveHost(host, resolve);
  const hostAllowed = allow.allowsHost(host);
  for (const { address } of addresses) {
    const kind = forbiddenKind(address);
    if (kind === null || hostAllowed || allow.allowsAddress(address)) continue;
    const where = literal !== 0 ? address : `${host} resolves to ${address}, which`;
    throw new OutboundRefusedError(
      `refused: ${where} is ${kind} address; add it to TRELLIS_OUTBOUND_ALLOW to permit it.`,
    );
  }
  const first = addresses[0];
  if (!first) throw new OutboundRefusedError(`refused: ${host} did not resolve to any address.`);
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

async function resolveHost(host: string, resolve: Resolver): Promise<LookupAddress[]> {
  try {
    return await resolve(host);
  } catch (e) {
    // Not a policy refusal: a name that does not resolve now may resolve later (retryable).
    throw new Error(`could not resolve ${host}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** A `lookup` for node:http that always answers with the checked address. */
export function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}
