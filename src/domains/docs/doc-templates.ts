import type { ProcessPack } from "../../platform/pack/pack-schema.js";

/**
 * The pack's doc templates for a "new doc" picker. The title is the template's title without
 * its {{variables}} ("Handoff Doc: {{account}}" → "Handoff Doc").
 */
export function docTemplates(pack: ProcessPack): { items: { key: string; title: string }[] } {
  return {
    items: Object.entries(pack.docTemplates).map(([key, t]) => ({
      key,
      title:
        t.title
          // "(renewal {{renewalDate}})": a bracket that only frames variables goes with them.
          .replace(/\s*\([^)]*\{\{[^}]*\}\}[^)]*\)/g, "")
          .replace(/\{\{[^}]*\}\}/g, "")
          .replace(/[\s:–—-]+$/u, "")
          .trim() || key,
    })),
  };
}
