import { oneOf, optionalString } from "@/platform/url-search";
import { CHANNEL_KINDS, type ChannelKind } from "@/pages/channels/api";

/** The channels list in the URL (`/channels?kind=feed&q=trial`), shareable by link. */
export interface ChannelsSearch {
  q?: string;
  kind?: ChannelKind;
}

export function validateChannelsSearch(raw: Record<string, unknown>): ChannelsSearch {
  const out: ChannelsSearch = {};
  const q = optionalString(raw.q);
  if (q) out.q = q.slice(0, 200);
  const kind = oneOf(
    raw.kind,
    CHANNEL_KINDS.map((k) => k.value),
  );
  if (kind) out.kind = kind;
  return out;
}
