/**
 * Numbers as people read them in reasons, emails and task descriptions (en-US, like the seeds).
 * The formatters are made once: the daily stage evaluation formats reasons for the whole book.
 */
const count = new Intl.NumberFormat("en-US");
const ratio = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 });

export const formatCount = (n: number): string => count.format(n);

/** "$40,000" (ARR is whole dollars). */
export const formatMoney = (n: number): string => `$${count.format(n)}`;

/** A ratio for a reason: 2 to 4 decimals ("0.62", "0.795"), so "0.7996 < 0.8" never reads "0.80 < 0.8". */
export const formatRatio = (n: number): string => ratio.format(n);
