import { Box, Table, Text } from "@mantine/core";
import type { FunnelStep } from "@/pages/reports/api";
import { charts } from "@/theme";

const count = new Intl.NumberFormat("en");
const pct = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

const MEANING: Record<FunnelStep["key"], string> = {
  signups: "Leads created from the signup page in the period.",
  qualified: "Approved by an SDR or automatically (T4.1).",
  provisioned: "Their trial instance is ready.",
  handedOff: "The admin got the onboarding email (T7).",
  activated: "The trial instance is in use.",
  pql: "Product-qualified lead (T11).",
  converted: "Became a customer.",
};

/**
 * The funnel as a table whose rows carry horizontal bars: the table is what assistive tech
 * reads (step, count, conversion), the bars are decoration scaled to the first step.
 */
export function FunnelTable({ steps }: { steps: FunnelStep[] }) {
  const max = Math.max(1, ...steps.map((s) => s.count));
  const barColor = `var(--mantine-color-${charts.series[0]}-${charts.shade})`;
  return (
    <Table aria-label="Trial funnel" verticalSpacing={6} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w={150}>
            Step
          </Table.Th>
          <Table.Th scope="col">
            <span aria-hidden="true">Share of signups</span>
          </Table.Th>
          <Table.Th scope="col" w={90} ta="right">
            Leads
          </Table.Th>
          <Table.Th scope="col" w={150} ta="right">
            From previous step
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {steps.map((s) => (
          <Table.Tr key={s.key}>
            <Table.Th scope="row" fw={500} title={MEANING[s.key]}>
              {s.label}
            </Table.Th>
            <Table.Td>
              <Box aria-hidden="true" h={14} bg="var(--mantine-color-gray-1)" style={{ borderRadius: 3 }}>
                <Box h={14} w={`${(s.count / max) * 100}%`} miw={s.count > 0 ? 2 : 0} bg={barColor} style={{ borderRadius: 3 }} />
              </Box>
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
              {count.format(s.count)}
            </Table.Td>
            <Table.Td ta="right">
              {s.conversionPct === null ? (
                <Text span c="dimmed" size="sm">
                  —
                </Text>
              ) : (
                `${pct.format(s.conversionPct)}%`
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
