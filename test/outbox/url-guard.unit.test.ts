import { describe, expect, it } from "vitest";
import { AllowList, forbiddenKind } from "../../src/integrations/outbound/address-policy.js";
import { checkOutboundTarget, OutboundRefusedError } from "../../src/integrations/outbound/url-guard.js";

const resolveTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("outbound address policy", () => {
  it.each([
    ["10.0.0.5", "a private"],
    ["172.16.3.4", "a private"],
    ["172.31.255.255", "a private"],
    ["192.168.1.1", "a private"],
    ["127.0.0.1", "a loopback"],
    ["127.255.0.9", "a loopback"],
    ["169.254.169.254", "a link-local"],
    ["100.64.0.1", "a carrier-grade NAT (CGNAT)"],
    ["100.127.255.254", "a carrier-grade NAT (CGNAT)"],
    ["0.0.0.0", "an unspecified"],
    ["224.0.0.1", "a multicast"],
    ["255.255.255.255", "a reserved (incl. broadcast)"],
    ["::", "an unspecified"],
    ["::1", "a loopback"],
    ["fd12:3456::1", "a private (unique local)"],
    ["fc00::1", "a private (unique local)"],
    ["fe80::1", "a link-local"],
    ["ff02::1", "a multicast"],
    ["::ffff:10.0.0.5", "a private"],
    ["::ffff:127.0.0.1", "a loopback"],
    ["::ffff:7f00:1", "a loopback"],
    ["::ffff:169.254.169.254", "a link-local"],
    ["64:ff9b::a00:5", "a private"],
  ])("refuses %s as %s address", (ip, kind) => {
    expect(forbiddenKind(ip)).toBe(kind);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "lets the public address %s through",
    (ip) => {
      expect(forbiddenKind(ip)).toBeNull();
    },
  );

  it("allows hosts, single IPs and CIDRs from the allow-list (IPv4 entries also cover their mapped form)", () => {
    const allow = new AllowList(["Hooks.Internal.Example", "10.1.2.3", "192.168.0.0/16", "[fd00::1]"]);
    expect(allow.allowsHost("hooks.internal.example")).toBe(true);
    expect(allow.allowsHost("other.internal.example")).toBe(false);
    expect(allow.allowsAddress("10.1.2.3")).toBe(true);
    expect(allow.allowsAddress("10.1.2.4")).toBe(false);
    expect(allow.allowsAddress("192.168.44.5")).toBe(true);
    expect(allow.allowsAddress("::ffff:192.168.44.5")).toBe(true);
    expect(allow.allowsAddress("fd00::1")).toBe(true);
    expect(allow.allowsAddress("fd00::2")).toBe(false);
  });
});

describe("outbound URL guard", () => {
  it("refuses a private IP with a message that names the fix", async () => {
    await expect(checkOutboundTarget("http://10.0.0.5/hook", [])).rejects.toThrow(
      "refused: 10.0.0.5 is a private address; add it to TRELLIS_OUTBOUND_ALLOW to permit it.",
    );
  });

  it("refuses a bracketed IPv6 loopback and an IPv4-mapped private address", async () => {
    await expect(checkOutboundTarget("http://[::1]:8080/", [])).rejects.toThrow(/::1 is a loopback address/);
    await expect(checkOutboundTarget("http://[::ffff:10.0.0.5]/", [])).rejects.toThrow(/is a private address/);
  });

  it("refuses schemes other than http and https, and malformed URLs", async () => {
    await expect(checkOutboundTarget("file:///etc/passwd", [])).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(checkOutboundTarget("gopher://example.com/", [])).rejects.toThrow(/gopher URLs are not allowed/);
    await expect(checkOutboundTarget("not a url", [])).rejects.toThrow(/is not a valid URL/);
  });

  it("checks every address a name resolves to and connects to the checked one", async () => {
    await expect(checkOutboundTarget("https://mixed.example/", [], resolveTo("93.184.216.34", "10.0.0.7"))).rejects.toThrow(
      "refused: mixed.example resolves to 10.0.0.7, which is a private address",
    );
    const ok = await checkOutboundTarget("https://public.example/x", [], resolveTo("93.184.216.34"));
    expect(ok).toMatchObject({ address: "93.184.216.34", family: 4 });
  });

  it("permits a private destination that the allow-list names by host, IP or CIDR", async () => {
    const resolver = resolveTo("10.0.0.7");
    await expect(checkOutboundTarget("http://hooks.corp/", [], resolver)).rejects.toThrow(/refused/);
    await expect(checkOutboundTarget("http://hooks.corp/", ["hooks.corp"], resolver)).resolves.toMatchObject({ address: "10.0.0.7" });
    await expect(checkOutboundTarget("http://hooks.corp/", ["10.0.0.7"], resolver)).resolves.toMatchObject({ address: "10.0.0.7" });
    await expect(checkOutboundTarget("http://hooks.corp/", ["10.0.0.0/24"], resolver)).resolves.toMatchObject({ address: "10.0.0.7" });
    await expect(checkOutboundTarget("http://hooks.corp/", ["10.0.1.0/24"], resolver)).rejects.toThrow(/refused/);
  });

  it("reports a name that does not resolve as a plain (retryable) error, not a refusal", async () => {
    const failing = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const attempt = checkOutboundTarget("https://nowhere.invalid/", [], failing);
    await expect(attempt).rejects.toThrow("could not resolve nowhere.invalid: ENOTFOUND");
    await expect(attempt).rejects.not.toBeInstanceOf(OutboundRefusedError);
  });
});
