/**
 * The shapes of usage the demo and the benchmark generate: one entry per profile, each a few
 * numbers and curves over the range's progress t (0 on the first day, 1 on the last).
 */
export type UsageProfile = "thriving" | "adopting" | "idle" | "about_to_pql" | "pql" | "declining";

export const USAGE_PROFILES: readonly UsageProfile[] = ["thriving", "adopting", "idle", "about_to_pql", "pql", "declining"];

export interface ProfileShape {
  kind: "production" | "trial";
  /** How many users the instance has by the end (seats are the production instances' seats). */
  users: (seats: number, r: () => number) => number;
  /** Share of users who joined before the range starts; the rest join spread over joinSpan of it. */
  joinedBefore: number;
  joinSpan: number;
  /** Activity level over the range (multiplies each user's own engagement). */
  level: (t: number) => number;
  /** Engagement of one user: chance of being active on a weekday at level 1. */
  engagement: [min: number, max: number];
  weekendFactor: number;
  /** Share of users who stop using the product at a random point of the range. */
  leavers: number;
  /** Trials still short of a PQL: nobody is active on 5 days within 7 (the T11 power-user line). */
  capFiveInSeven: boolean;
  /** Feature keys used, with the progress at which each starts being used. */
  features: (keys: readonly string[]) => { key: string; from: number }[];
  /** Index into the pack's releases (negative: from the end) at t = 0, and upgrades (t, index). */
  version: { start: number; upgrades: [t: number, index: number][] };
  codeHosts: (t: number) => number;
  repositories: (t: number, seats: number) => number;
  preciseCodeIntel: (t: number) => boolean;
}

const all = (keys: readonly string[]) => keys.map((key) => ({ key, from: 0 }));
const only = (wanted: string[]) => (keys: readonly string[]) => keys.filter((k) => wanted.includes(k)).map((key) => ({ key, from: 0 }));
const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export const PROFILE_SHAPES: Record<UsageProfile, ProfileShape> = {
  thriving: {
    kind: "production",
    users: (seats, r) => Math.round(seats * (0.95 + r() * 0.1)),
    joinedBefore: 0.9,
    joinSpan: 1,
    level: () => 1,
    engagement: [0.4, 0.95],
    weekendFactor: 0.12,
    leavers: 0.02,
    capFiveInSeven: false,
    features: all,
    version: { start: -3, upgrades: [[0.35, -2], [0.7, -1]] },
    codeHosts: () => 3,
    repositories: (t, seats) => Math.round(seats * 8 * (1 + 0.3 * t)),
    preciseCodeIntel: () => true,
  },
  adopting: {
    kind: "production",
    users: (seats, r) => Math.round(seats * (0.85 + r() * 0.1)),
    joinedBefore: 0.2,
    joinSpan: 0.85,
    level: (t) => 0.55 + 0.45 * t,
    engagement: [0.3, 0.85],
    weekendFactor: 0.1,
    leavers: 0,
    capFiveInSeven: false,
    // New features come into use one after another as the rollout goes on.
    features: (keys) => keys.map((key, i) => ({ key, from: i < 2 ? 0 : Math.min(0.9, (i - 1) / keys.length) })),
    version: { start: -4, upgrades: [[0.55, -2]] },
    codeHosts: (t) => (t < 0.5 ? 1 : 2),
    repositories: (t, seats) => Math.round(40 + seats * 5 * t),
    preciseCodeIntel: (t) => t >= 0.5,
  },
  idle: {
    kind: "trial",
    users: () => 1,
    joinedBefore: 0,
    joinSpan: 0,
    level: (t) => (t < 0.15 ? 1 : 0.25),
    engagement: [0.5, 0.6],
    weekendFactor: 0,
    leavers: 0,
    capFiveInSeven: true,
    features: only(["search"]),
    version: { start: -1, upgrades: [] },
    codeHosts: () => 0,
    repositories: () => 0,
    preciseCodeIntel: () => false,
  },
  about_to_pql: {
    kind: "trial",
    users: (_s, r) => between(r, 6, 9),
    joinedBefore: 0,
    joinSpan: 0.6,
    level: () => 0.6,
    engagement: [0.3, 0.8],
    weekendFactor: 0.1,
    leavers: 0,
    capFiveInSeven: true,
    features: only(["search", "code_intel", "notebooks"]),
    version: { start: -1, upgrades: [] },
    codeHosts: () => 1,
    repositories: (t) => Math.round(20 + 60 * t),
    preciseCodeIntel: () => false,
  },
  pql: {
    kind: "trial",
    users: (_s, r) => between(r, 14, 19),
    joinedBefore: 0,
    joinSpan: 0.5,
    level: () => 0.85,
    engagement: [0.4, 0.95],
    weekendFactor: 0.1,
    leavers: 0,
    capFiveInSeven: false,
    features: only(["search", "code_intel", "batch_changes", "code_insights", "ai_assistant"]),
    version: { start: -1, upgrades: [] },
    codeHosts: (t) => (t < 0.3 ? 1 : 2),
    repositories: (t) => Math.round(80 + 400 * t),
    preciseCodeIntel: () => false,
  },
  declining: {
    kind: "production",
    users: (seats, r) => Math.round(seats * (0.8 + r() * 0.1)),
    joinedBefore: 1,
    joinSpan: 0,
    level: (t) => 1 - 0.7 * t,
    engagement: [0.3, 0.8],
    weekendFactor: 0.08,
    leavers: 0.6,
    capFiveInSeven: false,
    features: only(["search", "code_intel", "batch_changes", "code_monitoring"]),
    version: { start: 4, upgrades: [] },
    codeHosts: () => 2,
    repositories: (_t, seats) => seats * 4,
    preciseCodeIntel: () => false,
  },
};

/** How often each feature's events appear among an active user's events (page views aside). */
export const FEATURE_WEIGHTS: Record<string, number> = {
  search: 10,
  code_intel: 6,
  precise_code_intel: 2,
  batch_changes: 1,
  code_insights: 1.5,
  code_monitoring: 0.7,
  notebooks: 1,
  ai_assistant: 3,
};

/** Events any instance sends besides the pack's feature events. */
export const GENERIC_EVENTS: { name: string; weight: number }[] = [
  { name: "page.viewed", weight: 8 },
  { name: "repository.viewed", weight: 3 },
  { name: "file.viewed", weight: 4 },
];
