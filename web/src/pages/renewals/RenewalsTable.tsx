import { Table, Text } from "@mantine/core";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ListTable } from "@/platform/ui/DataTable";
import { formatArr, formatArrShort, formatDay } from "@/pages/accounts/format";
import { HealthBadge } from "@/pages/health/HealthBadge";
import { outcomeLabel, type Outcome, type RenewalListItem } from "@/pages/renewals/api";
import { RatingPill, RenewalPill, ReviewPill } from "@/pages/renewals/status";

export const RENEWAL_COLUMNS = ["Account", "Renewal date", "ARR", "Health", "Rating", "Review", "Projection", "Expected ARR", "Lighthouse"] as const;

interface RenewalsTableProps {
  label: string;
  items: RenewalListItem[];
  outcomeLabels: Partial<Record<Outcome, string>> | undefined;
  onOpen: (id: string) => void;
  dimmed?: boolean;
  /** The account page's panel: no account column, the status instead. */
  withoutAccount?: boolean;
  keyboard?: boolean;
}

const dash = (
  <Text c="dimmed" size="sm" span>
    —
  </Text>
);

/** "in 45 days", "today", "3 days ago". */
export function daysLabel(days: number): string {
  if (days === 0) return "today";
  const n = Math.abs(days);
  return days > 0 ? `in ${n} ${n === 1 ? "day" : "days"}` : `${n} ${n === 1 ? "day" : "days"} ago`;
}

/** Renewal cycles as a dense table; row click or Enter (after j/k) opens the renewal. */
export function RenewalsTable({ label, items, outcomeLabels, onOpen, dimmed = false, withoutAccount = false, keyboard = true }: RenewalsTableProps) {
  const { getRowProps } = useRowNavigation(keyboard ? items.length : 0, (index) => {
    const item = items[index];
    if (item) onOpen(item.id);
  });
  const columns = withoutAccount ? ["Renewal date", "Status", ...RENEWAL_COLUMNS.slice(2)] : [...RENEWAL_COLUMNS];
  return (
    <ListTable label={label} columns={columns} numeric={["ARR", "Expected ARR"]} minWidth={withoutAccount ? 900 : 1100} dimmed={dimmed}>
      {items.map((r, index) => (
        <Table.Tr key={r.id} {...getRowProps(index)} style={{ cursor: "pointer" }}>
          {withoutAccount ? null : (
            <Table.Td maw={260}>
              <AnchorLink to="/renewals/$renewalId" params={{ renewalId: r.id }} size="sm" fw={500} className="trellis-break">
                {r.account.name}
              </AnchorLink>
              <Text size="xs" c="dimmed" className="trellis-break">
                {[r.account.segment, r.account.aeUser ? `AE ${r.account.aeUser.name}` : null, r.account.taUser ? `TA ${r.account.taUser.name}` : null]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </Table.Td>
          )}
          <Table.Td>
            {withoutAccount ? (
              <AnchorLink to="/renewals/$renewalId" params={{ renewalId: r.id }} size="sm" fw={500}>
                {formatDay(r.renewalDate)}
              </AnchorLink>
            ) : (
              <Text size="sm">{formatDay(r.renewalDate)}</Text>
            )}
            {r.status === "open" ? (
              <Text size="xs" c={r.daysToRenewal < 0 ? "red" : "dimmed"}>
                {daysLabel(r.daysToRenewal)}
              </Text>
            ) : null}
          </Table.Td>
          {withoutAccount ? (
            <Table.Td>
              <RenewalPill domain="renewal" status={r.status} size="xs" />
            </Table.Td>
          ) : null}
          <Table.Td ta="right" title={formatArr(r.currentArr)}>
            {formatArrShort(r.currentArr)}
          </Table.Td>
          <Table.Td miw={112}>{r.account.healthBand ? <HealthBadge band={r.account.healthBand} score={r.account.healthScore} size="xs" /> : dash}</Table.Td>
          <Table.Td>
            <RatingPill rating={r.rating} size="xs" />
          </Table.Td>
          <Table.Td>
            <ReviewPill rating={r.rating} decision={r.reviewDecision} size="xs" />
          </Table.Td>
          <Table.Td>
            {r.projectedOutcome ? (
              <Text size="sm" title={r.projectedArr === null ? undefined : `Projected ARR ${formatArr(r.projectedArr)}`}>
                {outcomeLabel(outcomeLabels, r.projectedOutcome)}
              </Text>
            ) : (
              <Text size="xs" c="dimmed">
                Not projected
              </Text>
            )}
          </Table.Td>
          <Table.Td ta="right" title={`${formatArr(r.expectedArr)}${r.arrAtRisk ? `; ${formatArr(r.arrAtRisk)} at risk` : ""}`}>
            {formatArrShort(r.expectedArr)}
            {r.arrAtRisk ? (
              <Text size="xs" c="red">
                {formatArrShort(r.arrAtRisk)} at risk
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td>
            {r.lighthouse ? (
              <AnchorLink to="/lighthouse/$programId" params={{ programId: r.lighthouse.id }} size="xs" aria-label={`Lighthouse program of ${r.account.name}`}>
                <RenewalPill domain="lighthouse" status={r.lighthouse.status} size="xs" />
              </AnchorLink>
            ) : (
              dash
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
