import { z } from "zod";
import { AppError } from "../errors/app-error.js";

/** Keyset pagination over descending numeric ids: the cursor is the last id seen, opaque to clients. */
export const pageQuery = {
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const n = Number(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new AppError("validation_failed", "query.cursor: is not a cursor this API returned.", {
      details: { issues: [{ path: ["query", "cursor"], message: "is not a cursor this API returned" }] },
    });
  }
  return n;
}

export const encodeCursor = (id: number): string => Buffer.from(String(id)).toString("base64url");

/** Takes limit+1 rows: returns the page and the cursor of the next one (null at the end). */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
