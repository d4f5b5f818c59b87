import { describe, expect, it } from "vitest";
import { channelSafe, companyChannelName } from "../../src/domains/channels/channel-name.js";

const TEMPLATE = "#cloud-trial-{{company}}";

describe("channel names (T4.1)", () => {
  it("T4.1 makes the company channel-safe: lower case, [a-z0-9-], dashes collapsed", () => {
    expect(companyChannelName(TEMPLATE, "Acme, Inc.", "x")).toBe("#cloud-trial-acme-inc");
    expect(companyChannelName(TEMPLATE, "  Zoë & Ünïcode  GmbH ", "x")).toBe("#cloud-trial-zoe-unicode-gmbh");
    expect(companyChannelName(TEMPLATE, "under_score--dash", "x")).toBe("#cloud-trial-under-score-dash");
    expect(channelSafe("---")).toBe("");
  });

  it("keeps within Slack's 80 characters without a trailing dash", () => {
    const name = companyChannelName(TEMPLATE, `${"a".repeat(67)} ${"b".repeat(40)}`, "x");
    expect(name.length - 1).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^#cloud-trial-a+$/);
    expect(companyChannelName("#{{company}}-trial", "c".repeat(200), "x")).toBe(`#${"c".repeat(74)}-trial`);
  });

  it("falls back when nothing of the company name survives", () => {
    expect(companyChannelName(TEMPLATE, "株式会社", "lead-5b0c3f38")).toBe("#cloud-trial-lead-5b0c3f38");
  });
});
