import { Button, Group, SegmentedControl, Text, TextInput } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import type { ValidationIssue } from "@/platform/api";
import { PERIOD_PRESETS, periodProblem, type ReportsSearch } from "@/pages/reports/search";

interface PeriodPickerProps {
  search: ReportsSearch;
  /** The period shown now (resolved from the URL). */
  period: { from: string; to: string; custom: boolean };
  onChange: (next: ReportsSearch) => void;
  /** Field problems the API reported for this period (from / to). */
  issues?: ValidationIssue[];
}

const CUSTOM = "custom";
const options = [...PERIOD_PRESETS.map((d) => ({ value: d, label: `Last ${d} days` })), { value: CUSTOM, label: "Custom" }];

/** Presets (7/30/90 days up to today, UTC) or a custom range of UTC days; the choice lives in the URL. */
export function PeriodPicker({ search, period, onChange, issues = [] }: PeriodPickerProps) {
  const [editing, setEditing] = useState(period.custom);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [problem, setProblem] = useState<ReturnType<typeof periodProblem>>(null);
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
    if (period.custom) setEditing(true);
  }, [period.from, period.to, period.custom]);

  const selected = editing ? CUSTOM : (search.days ?? "30");
  const apiError = (field: "from" | "to") => issues.find((i) => i.path[0] === field)?.message;
  const errorOf = (field: "from" | "to") => (problem?.field === field ? problem.message : undefined) ?? apiError(field);

  const pick = (value: string) => {
    setProblem(null);
    if (value === CUSTOM) {
      setEditing(true);
      return;
    }
    setEditing(false);
    onChange({ days: value as ReportsSearch["days"] });
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = periodProblem(from, to);
    setProblem(p);
    if (!p) onChange({ from, to });
  };

  return (
    <Group gap="md" align="flex-end" wrap="wrap">
      <div role="group" aria-labelledby="report-period-label">
        <Text id="report-period-label" size="xs" fw={500} mb={4}>
          Period
        </Text>
        <SegmentedControl size="xs" data={options} value={selected} onChange={pick} aria-label="Report period" />
      </div>
      {editing ? (
        <form onSubmit={apply} aria-label="Custom period" noValidate>
          <Group gap="xs" align="flex-start" wrap="wrap">
            <TextInput type="date" size="xs" label="From (UTC)" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errorOf("from")} required />
            <TextInput type="date" size="xs" label="To (UTC, inclusive)" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errorOf("to")} required />
            <Button type="submit" size="xs" mt={22}>
              Apply
            </Button>
          </Group>
        </form>
      ) : null}
    </Group>
  );
}
