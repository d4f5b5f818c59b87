import { BlockList, isIP } from "node:net";

/**
 * Which IP addresses outbound requests to user-configured URLs may not reach: everything that
 * is not the public internet (SSRF protection). The operator opens holes with an allow-list
 * (TRELLIS_OUTBOUND_ALLOW) of hostnames, IPs or CIDRs.
 */
type Family = "ipv4" | "ipv6";
interface Range {
  cidr: string;
  family: Family;
  kind: string;
}

const RANGES: Range[] = [
  { cidr: "0.0.0.0/8", family: "ipv4", kind: "an unspecified" },
  { cidr: "10.0.0.0/8", family: "ipv4", kind: "a private" },
  { cidr: "100.64.0.0/10", family: "ipv4", kind: "a carrier-grade NAT (CGNAT)" },
  { cidr: "127.0.0.0/8", family: "ipv4", kind: "a loopback" },
  { cidr: "169.254.0.0/16", family: "ipv4", kind: "a link-local" },
  { cidr: "172.16.0.0/12", family: "ipv4", kind: "a private" },
  { cidr: "192.0.0.0/24", family: "ipv4", kind: "a reserved (IETF protocol)" },
  { cidr: "192.168.0.0/16", family: "ipv4", kind: "a private" },
  { cidr: "198.18.0.0/15", family: "ipv4", kind: "a reserved (benchmarking)" },
  { cidr: "224.0.0.0/4", family: "ipv4", kind: "a multicast" },
  { cidr: "240.0.0.0/4", family: "ipv4", kind: "a reserved (incl. broadcast)" },
  { cidr: "::/128", family: "ipv6", kind: "an unspecified" },
  { cidr: "::1/128", family: "ipv6", kind: "a loopback" },
  { cidr: "fc00::/7", family: "ipv6", kind: "a private (unique local)" },
  { cidr: "fe80::/10", family: "ipv6", kind: "a link-local" },
  { cidr: "fec0::/10", family: "ipv6", kind: "a private (site-local)" },
  { cidr: "ff00::/8", family: "ipv6", kind: "a multicast" },
];

const RANGE_LISTS = RANGES.map((r) => ({ ...r, list: blockListOf(r.cidr, r.family) }));

function blockListOf(cidr: string, family: Family): BlockList {
  const [network = "", prefix = ""] = cidr.split("/");
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), family);
  return list;
}

/**
 * IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, and
 * the deprecated IPv4-compatible ::a.b.c.d): judged by the embedded IPv4 address, because the
 * kernel connects a mapped address to that IPv4 host.
 */
export function embeddedIPv4(ip: string): string | null {
  if (isIP(ip) !== 6) return null;
  const words = expandIPv6(ip);
  if (!words) return null;
  const high = words.slice(0, 6);
  const isMapped = high.slice(0, 5).every((w) => w === 0) && high[5] === 0xffff;
  const isNat64 = words[0] === 0x64 && words[1] === 0xff9b && high.slice(2).every((w) => w === 0);
  const isCompatible = high.every((w) => w === 0) && (words[6] ?? 0) !== 0;
  if (!isMapped && !isNat64 && !isCompatible) return null;
  const a = words[6] ?? 0;
  const b = words[7] ?? 0;
  return `${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}`;
}

/** Eight 16-bit words of an IPv6 address (handles "::" and a dotted IPv4 tail). */
function expandIPv6(ip: string): number[] | null {
  let text = ip.split("%")[0] ?? ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (s: string): number[] => (s === "" ? [] : s.split(":").map((w) => parseInt(w, 16)));
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  const fill = 8 - h.length - t.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return null;
  return [...h, ...new Array<number>(fill).fill(0), ...t];
}

/** Why an address may not be reached ("a private", "a loopback"…), or null when it is public. */
export function forbiddenKind(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return "an invalid";
  const v4 = embeddedIPv4(ip);
  if (v4 !== null) return forbiddenKind(v4);
  const type: Family = family === 4 ? "ipv4" : "ipv6";
  const hit = RANGE_LISTS.find((r) => r.family === type && r.list.check(ip, type));
  return hit ? hit.kind : null;
}

/** The operator's allow-list: hostnames (exact, case-insensitive), IPs and CIDRs. */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly addresses = new BlockList();

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
      if (entry === "") continue;
      const [network = "", prefix] = entry.split("/");
      const family = isIP(network);
      if (family === 0) {
        this.hosts.add(entry);
        continue;
      }
      const type = family === 4 ? "ipv4" : "ipv6";
      const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
      if (!Number.isInteger(bits)) throw new Error(`TRELLIS_OUTBOUND_ALLOW: "${raw}" is not a valid CIDR.`);
      this.addresses.addSubnet(network, bits, type);
    }
  }

  allowsHost(hostname: string): boolean {
    return this.hosts.has(hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1"));
  }

  allowsAddress(ip: string): boolean {
    const family = isIP(ip);
    if (family === 0) return false;
    if (this.addresses.check(ip, family === 4 ? "ipv4" : "ipv6")) return true;
    const v4 = embeddedIPv4(ip);
    return v4 !== null && this.addresses.check(v4, "ipv4");
  }
}
