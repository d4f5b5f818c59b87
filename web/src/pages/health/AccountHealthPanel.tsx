import { Button, Group, List, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useSession } from "@/platform/auth";
import { DataTable } from "@/platform/ui/DataTable";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Notice } from "@/platform/ui/Notice";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { StatusPill } from "@/platform/ui/StatusPill";
import { healthQuery, healthRoles, type CategoryScore, type HealthView, type ManualTrait, type TraitScore } from "@/pages/health/api";
import { formatScore, HealthBadge } from "@/pages/health/HealthBadge";
import { HealthTrend } from "@/pages/health/HealthTrend";
import { ManualTraitDialog } from "@/pages/health/ManualTraitDialog";
import { RedFlagControls } from "@/pages/red-accounts/RedFlagControls";

const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

/**
 * S1–S4 on the account page: the score and band, whether it rests on missing data, its trend,
 * every category and trait with its grade and reason, and the manual traits to set.
 */
export function AccountHealthPanel({ accountId, accountName }: { accountId: string; accountName: string }) {
  const session = useSession();
  const health = useQuery(healthQuery(accountId));
  const [editing, setEditing] = useState<TraitScore | null>(null);
  const canEdit = healthRoles.setTrait.has(session?.user.role ?? "");

  let body;
  if (health.isPending) body = <Skeleton height={160} aria-label="Loading the health score" />;
  else if (health.isError) body = <ErrorState error={health.error} what="load the health score" onRetry={() => void health.refetch()} retrying={health.isFetching} />;
  else body = <HealthBody accountId={accountId} health={health.data} canEdit={canEdit} onEdit={setEditing} />;

  const manual = health.data?.manual.find((m) => m.trait === editing?.key);
  return (
    <Section title="Health" actions={<RedFlagControls accountId={accountId} accountName={accountName} redFlag={health.data?.redFlag ?? null} />}>
      {health.data?.redFlag ? (
        <Notice tone="danger" heading={`Marked red${health.data.redFlag.by ? ` by ${health.data.redFlag.by}` : ""}`} announce="none">
          {health.data.redFlag.reason} The band stays red, whatever the score, until the flag is cleared.
        </Notice>
      ) : null}
      {body}
      {editing ? <ManualTraitDialog accountId={accountId} accountName={accountName} trait={editing} current={manual} onClose={() => setEditing(null)} /> : null}
    </Section>
  );
}

interface HealthBodyProps {
  accountId: string;
  health: HealthView;
  canEdit: boolean;
  onEdit: (trait: TraitScore) => void;
}

function HealthBody({ accountId, health, canEdit, onEdit }: HealthBodyProps) {
  const missingLine = health.explanation.find((l) => l.startsWith("Rests on missing data"));
  const missingTraits = health.categories.flatMap((c) => c.traits.filter((t) => t.missing).map((t) => t.label));
  // The first explanation lines say the score and its sum; the per-category ones sit in the table.
  const summary = health.explanation.filter((l) => l !== missingLine);
  const since = health.scoreSince;
  const latest = useMemo(() => ({ score: health.score, since }), [health.score, since]);
  return (
    <Stack gap="md">
      <Group gap="lg" align="center" wrap="wrap" role="group" aria-label="Health summary">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Score
          </Text>
          <Text size="xl" fw={700} style={{ fontVariantNumeric: "tabular-nums" }}>
            {formatScore(health.score)}
            <Text span size="sm" c="dimmed" fw={400}>
              {" "}
              / 100
            </Text>
          </Text>
        </Stack>
        <HealthBadge band={health.band} score={health.score} missingData={health.missingData} size="lg" />
        <Text size="xs" c="dimmed">
          {health.model === "default" ? "Default model" : `Model: ${health.model}`} · computed <RelativeTime value={health.computedAt} empty="not yet" /> · score
          since <RelativeTime value={since} empty="not yet" />
        </Text>
      </Group>
      {health.missingData ? (
        <Notice tone="warning" heading="This score rests on missing data" announce="status">
          {missingLine ?? `Missing: ${missingTraits.join(", ")}.`} Set the manual traits or map the account&apos;s instances to complete it.
        </Notice>
      ) : null}
      <HealthTrend accountId={accountId} latest={latest} />
      <CategoriesTable categories={health.categories} manual={health.manual} canEdit={canEdit} onEdit={onEdit} />
      <Stack gap={4}>
        <Title order={3} size="h5">
          Why this score
        </Title>
        <List size="sm" spacing={2} aria-label="Health score explanation">
          {summary.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </Stack>
    </Stack>
  );
}

interface CategoriesTableProps {
  categories: CategoryScore[];
  manual: ManualTrait[];
  canEdit: boolean;
  onEdit: (trait: TraitScore) => void;
}

/** One heading row per category (weight, score, grade), its traits under it with their reasons. */
function CategoriesTable({ categories, manual, canEdit, onEdit }: CategoriesTableProps) {
  const columns = ["Category / trait", "Weight", "Score", "Grade", "Why", ...(canEdit ? ["Actions"] : [])];
  return (
    <DataTable label="Health categories and traits" columns={columns} numeric={["Weight", "Score"]} minWidth={760}>
      {categories.flatMap((c) => [
        <Table.Tr key={`cat-${c.name}`} bg="var(--mantine-color-gray-0)">
          <Table.Th scope="rowgroup" fw={600}>
            {c.name}
          </Table.Th>
          <Table.Td ta="right" title={c.effectiveWeight !== c.weight ? `Pack weight ${percent.format(c.weight)}, re-weighted over the data present` : undefined}>
            {percent.format(c.effectiveWeight)}
            {c.effectiveWeight !== c.weight ? (
              <Text span size="xs" c="dimmed">
                {" "}
                (of {percent.format(c.weight)})
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td ta="right">{formatScore(c.score)}</Table.Td>
          <Table.Td miw={120}>{c.grade ? <StatusPill domain="health" status={c.grade} size="xs" /> : <NoData />}</Table.Td>
          <Table.Td>
            <Text size="xs" c="dimmed">
              {c.grade ? `Average of its traits' points` : "No data: left out, the other categories re-weighted"}
            </Text>
          </Table.Td>
          {canEdit ? <Table.Td /> : null}
        </Table.Tr>,
        ...c.traits.map((t) => <TraitRow key={t.key} trait={t} manual={manual.find((m) => m.trait === t.key)} canEdit={canEdit} onEdit={onEdit} />),
      ])}
    </DataTable>
  );
}

function TraitRow({ trait: t, manual, canEdit, onEdit }: { trait: TraitScore; manual: ManualTrait | undefined; canEdit: boolean; onEdit: (trait: TraitScore) => void }) {
  return (
    <Table.Tr>
      <Table.Td pl="xl">
        <Text size="sm">{t.label}</Text>
        <Text size="xs" c="dimmed">
          {t.source === "manual" ? "Set by people" : "Computed"}
          {manual ? (
            <>
              {" "}
              · {manual.setBy}, <RelativeTime value={manual.setAt} />
            </>
          ) : null}
        </Text>
      </Table.Td>
      <Table.Td />
      <Table.Td ta="right">{t.points === null ? "—" : formatScore(t.points)}</Table.Td>
      <Table.Td miw={120}>{t.grade ? <StatusPill domain="health" status={t.grade} size="xs" /> : <NoData />}</Table.Td>
      <Table.Td>
        <Text size="sm">{t.missing ? t.explanation : t.detail}</Text>
        {manual?.note ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
            Note: {manual.note}
          </Text>
        ) : null}
      </Table.Td>
      {canEdit ? (
        <Table.Td>
          {t.source === "manual" ? (
            <Button size="compact-xs" variant="subtle" aria-label={`Set ${t.label}`} onClick={() => onEdit(t)}>
              {t.missing ? "Set" : "Change"}
            </Button>
          ) : null}
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

function NoData() {
  return (
    <Text span size="xs" c="dimmed">
      Missing
    </Text>
  );
}
