/**
 * One mapping of PostgreSQL types to JavaScript values for both engines, so a row reads the
 * same from PGlite and from PostgreSQL: int8 and numeric become numbers (counts and money
 * stay far below 2^53), date stays a 'YYYY-MM-DD' string (no time-zone shift), timestamptz
 * becomes a Date, json/jsonb are parsed.
 */
export const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamptz: 1184,
  timestamp: 1114,
  json: 114,
  jsonb: 3802,
} as const;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: (v) => Number(v),
  [OID.numeric]: (v) => Number(v),
  [OID.date]: (v) => v,
  [OID.timestamptz]: (v) => new Date(v),
  [OID.timestamp]: (v) => new Date(v.endsWith("Z") ? v : `${v}Z`),
  [OID.json]: (v) => JSON.parse(v) as unknown,
  [OID.jsonb]: (v) => JSON.parse(v) as unknown,
};
