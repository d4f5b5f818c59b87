import type { PackRegistry } from "../pack/pack-registry.js";
import type { ProcessPack } from "../pack/pack-schema.js";

/**
 * The pack version in force at `at` (same choice as PackRegistry.current(), at another
 * instant). A firing records the version in force when it became due, not when a worker
 * happened to notice it: a catch-up after downtime must not credit a later version.
 */
export function packAt(packs: PackRegistry, at: Date): ProcessPack {
  const t = at.getTime();
  const versions = packs.all();
  let chosen = versions[0];
  for (const v of versions) if (Date.parse(v.effectiveAt) <= t) chosen = v;
  if (!chosen) throw new Error("no process pack loaded");
  return chosen;
}
