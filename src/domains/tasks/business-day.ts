import type { AppContext } from "../../platform/app/context.js";
import { addCivilDays, zonedParts, type CivilDate } from "../../platform/calendar/zoned-time.js";

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const dayText = (d: CivilDate): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/**
 * "Today" for due dates: the calendar day of ctx.clock.now() in the pack's business time zone,
 * so a task due today stays "today" all day for the team, whatever the server's zone.
 */
export function businessToday(ctx: Pick<AppContext, "clock" | "packs">): string {
  const p = zonedParts(ctx.packs.current().businessCalendar.timeZone, ctx.clock.now().getTime());
  return dayText(p);
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDays(day: string, n: number): string {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return dayText(addCivilDays({ year, month, day: date }, n));
}
