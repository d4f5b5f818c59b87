import type { UsageProfile } from "./usage-profiles.js";

/** The demo workspace's product instances: customers in production and trials at every stage. */
export interface DemoInstance {
  slug: string;
  name: string;
  company: string;
  domain: string;
  profile: UsageProfile;
  /** Production only. */
  seats: number | null;
  /** How many days of usage end today: production keeps ~4 months, trials are younger. */
  days: number;
}

const production = (slug: string, company: string, domain: string, profile: UsageProfile, seats: number): DemoInstance => ({
  slug,
  name: `${company} production`,
  company,
  domain,
  profile,
  seats,
  days: 120,
});
const trial = (slug: string, company: string, domain: string, profile: UsageProfile, days: number): DemoInstance => ({
  slug,
  name: `${company} trial`,
  company,
  domain,
  profile,
  seats: null,
  days,
});

export const DEMO_INSTANCES: DemoInstance[] = [
  production("acme", "Acme Corporation", "acme.com", "thriving", 250),
  production("globex", "Globex", "globex.com", "thriving", 140),
  production("initech", "Initech", "initech.com", "adopting", 200),
  production("hooli", "Hooli", "hooli.com", "adopting", 80),
  production("umbrella", "Umbrella Corporation", "umbrella-corp.com", "declining", 300),
  trial("piedpiper", "Pied Piper", "piedpiper.com", "about_to_pql", 16),
  trial("tyrell", "Tyrell Corporation", "tyrell.com", "pql", 22),
  trial("wonka", "Wonka Industries", "wonka.com", "pql", 12),
  trial("vandelay", "Vandelay Industries", "vandelay.com", "idle", 13),
  trial("dunder", "Dunder Mifflin", "dundermifflin.com", "idle", 4),
];
