/**
 * The date rules every ticket meets however it arrives: it was opened by now, and closed (if it
 * is) after it was opened and by now. Returns the field and problem, or null.
 */
export function ticketDatesProblem(openedAt: Date, closedAt: Date | null, now: Date): { field: "openedAt" | "closedAt"; problem: string } | null {
  if (openedAt.getTime() > now.getTime()) return { field: "openedAt", problem: "is in the future" };
  if (closedAt === null) return null;
  if (closedAt.getTime() > now.getTime()) return { field: "closedAt", problem: "is in the future" };
  if (closedAt.getTime() < openedAt.getTime()) return { field: "closedAt", problem: "is before openedAt" };
  return null;
}
