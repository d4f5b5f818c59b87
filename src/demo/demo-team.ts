import type { Role } from "../platform/pack/pack-schema.js";

/**
 * The demo workspace's team: at least one person in every role, so each view can be tried
 * as the person who would use it. Later capabilities add trials, accounts and usage.
 */
export interface DemoPerson {
  name: string;
  email: string;
  role: Role;
  bookingUrl?: string;
}

export const DEMO_DOMAIN = "demo.trellis.local";
/** Every demo person signs in with this; printed by `trellis seed --demo`. Demo data only. */
export const DEMO_PASSWORD = "trellis-demo-password";

const person = (name: string, role: Role, bookingUrl?: string): DemoPerson => ({
  name,
  role,
  email: `${name.split(" ")[0]!.toLowerCase()}@${DEMO_DOMAIN}`,
  ...(bookingUrl ? { bookingUrl } : {}),
});

export const DEMO_TEAM: DemoPerson[] = [
  person("Avery Admin", "admin"),
  person("Sam Rivera", "sdr"),
  person("Priya Natarajan", "sdr"),
  person("Jordan Blake", "ae"),
  person("Mei Chen", "ae"),
  person("Carlos Mendes", "ce", "https://cal.example.com/carlos-mendes/30min"),
  person("Hannah Okafor", "ce", "https://cal.example.com/hannah-okafor/30min"),
  person("Tomas Lindqvist", "ta"),
  person("Grace Kim", "growth"),
  person("Omar Haddad", "cloud_ops"),
  person("Lena Fischer", "support"),
  person("Ravi Shah", "sales_ops"),
  person("Diane Morel", "leadership"),
];
