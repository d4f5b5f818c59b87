/** Numbers as people read them in reasons, emails and task descriptions (en-US, like the seeds). */
export const formatCount = (n: number): string => n.toLocaleString("en-US");

/** "$40,000" (ARR is whole dollars). */
export const formatMoney = (n: number): string => `$${n.toLocaleString("en-US")}`;

/** A ratio for a reason: 2 to 4 decimals ("0.62", "0.795"), so "0.7996 < 0.8" never reads "0.80 < 0.8". */
export const formatRatio = (n: number): string => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 });
