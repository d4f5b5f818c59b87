/** The import's columns, in order: an exported file imports back unchanged. */
export const IMPORT_COLUMNS = [
  "name",
  "domains",
  "crmId",
  "accountType",
  "expectedCloseDate",
  "arr",
  "seats",
  "developers",
  "contractStart",
  "contractEnd",
  "deployment",
  "aeEmail",
  "ceEmail",
  "strategic",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Set by Trellis's rules, exported for reading and ignored on import. */
export const EXPORT_ONLY_COLUMNS = ["stage", "segment"] as const;
