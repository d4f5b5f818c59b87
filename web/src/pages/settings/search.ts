import { optionalString } from "@/platform/url-search";

/** /settings?tab=team&person=<id> (links from global search) and /settings/team?person=<id>. */
export interface SettingsSearch {
  tab?: string;
  person?: string;
}

export function validateSettingsSearch(raw: Record<string, unknown>): SettingsSearch {
  const out: SettingsSearch = {};
  const tab = optionalString(raw.tab);
  if (tab) out.tab = tab;
  const person = optionalString(raw.person);
  if (person) out.person = person;
  return out;
}
