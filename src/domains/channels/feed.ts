import { AppError } from "../../platform/errors/app-error.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";

/** The channel a pack names for an alert feed ("trialAlerts" → "#cloud-trial-alerts"). */
export function feedChannelName(pack: ProcessPack, feed: string): string {
  const name = Object.hasOwn(pack.channels, feed) ? pack.channels[feed] : undefined;
  if (!name) {
    throw new AppError("unprocessable", `Process pack ${pack.version} names no channel for the "${feed}" feed (channels.${feed}).`, {
      details: { feed, known: Object.keys(pack.channels) },
    });
  }
  return name;
}

/** Whether a channel name is one of the pack's feeds (else it is a company channel). */
export const isFeedName = (pack: ProcessPack, name: string): boolean => Object.values(pack.channels).includes(name);
