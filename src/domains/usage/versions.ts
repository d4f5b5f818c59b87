/** Product versions "major.minor[.patch]" compared numerically (5.10 is after 5.9). */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function parts(v: string): number[] {
  return v
    .replace(/^v/, "")
    .split(/[.+-]/)
    .slice(0, 3)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
}

/**
 * S2 "versions behind latest": how many known releases (up to and including latest) are newer
 * than the instance's version. A latest release missing from the list still counts as one.
 */
export function versionsBehind(version: string | null, releases: readonly string[], latest: string | null): number | null {
  if (version === null || latest === null) return null;
  // Memoised per release list (settings are read once per recompute): a full recompute asks
  // for the same few versions 100,000 times.
  let known = behindCache.get(releases);
  if (!known) {
    known = new Map();
    behindCache.set(releases, known);
  }
  const key = `${version}\u0000${latest}`;
  let behind = known.get(key);
  if (behind === undefined) {
    behind = countBehind(version, releases, latest);
    known.set(key, behind);
  }
  return behind;
}

const behindCache = new WeakMap<readonly string[], Map<string, number>>();

function countBehind(version: string, releases: readonly string[], latest: string): number {
  if (compareVersions(version, latest) >= 0) return 0;
  const newer = releases.filter((r) => compareVersions(r, version) > 0 && compareVersions(r, latest) <= 0);
  const latestListed = releases.some((r) => compareVersions(r, latest) === 0);
  return newer.length + (latestListed ? 0 : 1);
}
