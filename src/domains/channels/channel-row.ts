import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { Subject } from "../../platform/timeline/record.js";
import type { ChannelKind, ChannelRow } from "./schema.js";

export interface FindOrCreateChannelOptions {
  name: string;
  kind: ChannelKind;
  subject?: Subject | undefined;
  at: Date;
}

/**
 * The channel row for a name, created when missing. Safe against a concurrent creator: the
 * unique name makes the second insert wait for the first to commit, then do nothing.
 */
export async function findOrCreateChannel(
  trx: Transaction<Database>,
  o: FindOrCreateChannelOptions,
): Promise<{ row: ChannelRow; created: boolean }> {
  const inserted = await trx
    .insertInto("channels")
    .values({
      id: randomUUID(),
      name: o.name,
      kind: o.kind,
      subject_type: o.subject?.type ?? null,
      subject_id: o.subject?.id ?? null,
      slack_channel_id: null,
      created_at: o.at,
    })
    .onConflict((oc) => oc.column("name").doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const row = await trx.selectFrom("channels").selectAll().where("name", "=", o.name).executeTakeFirstOrThrow();
  return { row, created: false };
}
