/** Slack's limit on a channel name (without the leading #). */
export const SLACK_NAME_MAX = 80;

/**
 * A company name made channel-safe (T4.1): ASCII lower case, [a-z0-9-] only, dashes collapsed
 * and trimmed. Accents are folded first so "Zoë & Co" becomes "zoe-co" rather than "zo-co".
 */
export function channelSafe(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * Fills the pack's channel name template ("#cloud-trial-{{company}}") so that the whole name
 * stays within Slack's limit: the company part is shortened, never the template's own text.
 * `fallback` stands in when nothing of the company survives (a name in another script).
 */
export function companyChannelName(template: string, company: string, fallback: string): string {
  const [prefix = "", suffix = ""] = template.split("{{company}}");
  const room = SLACK_NAME_MAX - (prefix.length - 1) - suffix.length;
  const safe = channelSafe(company) || channelSafe(fallback);
  const part = safe.slice(0, Math.max(1, room)).replace(/-+$/, "");
  return `${prefix}${part}${suffix}`;
}

/** "#cloud-trial-acme" → "cloud-trial-acme" (what Slack calls the channel). */
export const slackName = (name: string): string => name.replace(/^#/, "");
