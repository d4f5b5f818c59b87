import { Button, Code, Group, Input, Modal, Stack, Table, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { isApiError } from "@/platform/api";
import { DataTable } from "@/platform/ui/DataTable";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { accountKeys, importAccounts, type ImportResult, type ImportRowError } from "@/pages/accounts/api";

/** The import's columns (the contract; the export writes the same header plus stage and segment). */
const COLUMNS = "name,domains,crmId,accountType,expectedCloseDate,arr,seats,developers,contractStart,contractEnd,deployment,aeEmail,ceEmail,strategic";
/** The server caps the request body; refuse bigger files before sending them. */
const MAX_BYTES = 5 * 1024 * 1024;

interface Checked {
  csv: string;
  result: ImportResult;
}

/**
 * CSV import in two steps: a dry run lists every bad row and field (nothing is written), and
 * Import is enabled only once the checked text is clean and unchanged. The server imports all
 * rows or none.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const fileId = useId();
  const [csv, setCsv] = useState("");
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [refused, setRefused] = useState<ImportRowError[] | null>(null);

  const check = useMutation({
    mutationFn: (text: string) => importAccounts(text, true),
    onSuccess: (result, text) => {
      setChecked({ csv: text, result });
      setRefused(null);
    },
  });
  const run = useMutation({
    mutationFn: (text: string) => importAccounts(text, false),
    onSuccess: async (result) => {
      setImported(result);
      notifySuccess("Accounts imported", `${result.created} created, ${result.updated} updated.`);
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
    onError: (e) => {
      // 422: the file changed meaning since the check (another import, a new domain): show the rows again.
      const errors = isApiError(e) ? (e.details as { errors?: ImportRowError[] } | null | undefined)?.errors : undefined;
      if (Array.isArray(errors)) setRefused(errors);
    },
  });

  const busy = check.isPending || run.isPending;
  const current = checked && checked.csv === csv ? checked.result : null;
  const errors = refused ?? current?.errors ?? [];
  const clean = current !== null && current.errors.length === 0 && current.rows > 0 && refused === null;

  const readFile = async (file: File | undefined) => {
    setFileProblem(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileProblem(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; import at most 5 MB at a time (split the file).`);
      return;
    }
    setCsv(await file.text());
    setChecked(null);
    setRefused(null);
  };

  return (
    <Modal opened onClose={busy ? () => undefined : onClose} title="Import accounts from CSV" size="xl">
      {imported ? (
        <Stack gap="sm">
          <Notice tone="success" heading="Import done" announce="status">
            {imported.rows} rows read: {imported.created} accounts created, {imported.updated} updated.
          </Notice>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            One account per row, with a header row. Columns: <Code style={{ wordBreak: "break-all" }}>{COLUMNS}</Code>. Rows match existing accounts by CRM id, then by
            domain, and update them; other rows create accounts. Domains are separated by spaces or semicolons; days are
            YYYY-MM-DD; AE and CE are people's email addresses.
          </Text>
          <Input.Wrapper label="CSV file" description="Choose a file, or paste the text below." id={fileId}>
            <input id={fileId} aria-describedby={`${fileId}-description`} type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void readFile(e.currentTarget.files?.[0])} style={{ display: "block", marginTop: 4 }} />
          </Input.Wrapper>
          {fileProblem ? <Notice heading="File not read">{fileProblem}</Notice> : null}
          <Textarea
            label="CSV text"
            placeholder={`${COLUMNS}\nAcme,acme.com;acme.io,0061x000,Prospect,2027-03-31,120000,250,300,,,cloud_managed,ae@example.com,,false`}
            autosize
            minRows={6}
            maxRows={14}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
            value={csv}
            disabled={busy}
            onChange={(e) => {
              setCsv(e.currentTarget.value);
              setRefused(null);
            }}
          />
          {check.isError ? <ErrorState error={check.error} what="check the file" /> : null}
          {run.isError && !refused ? <ErrorState error={run.error} what="import the accounts" /> : null}
          {current && !refused ? <CheckSummary result={current} /> : null}
          {refused ? (
            <Notice heading="Nothing was imported">The server found problems when importing: fix these rows and check again.</Notice>
          ) : null}
          {errors.length > 0 ? <ErrorsTable errors={errors} /> : null}
          {checked && checked.csv !== csv ? (
            <Text size="xs" c="dimmed" role="status">
              The text changed since the last check: check it again before importing.
            </Text>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button variant="light" onClick={() => check.mutate(csv)} loading={check.isPending} disabled={!csv.trim() || run.isPending}>
              Check file
            </Button>
            <Button onClick={() => run.mutate(csv)} loading={run.isPending} disabled={!clean || check.isPending} title={clean ? undefined : "Check the file first; Import is enabled once no row has a problem."}>
              {current && clean ? `Import ${current.rows} ${current.rows === 1 ? "row" : "rows"}` : "Import"}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function CheckSummary({ result }: { result: ImportResult }) {
  if (result.rows === 0) {
    return (
      <Notice tone="warning" heading="No rows" announce="status">
        The file has a header but no account rows.
      </Notice>
    );
  }
  if (result.errors.length === 0) {
    return (
      <Notice tone="success" heading="Ready to import" announce="status">
        {result.rows} rows checked, no problems: {result.created} new accounts, {result.updated} updates. Nothing is written until you press Import.
      </Notice>
    );
  }
  const rows = new Set(result.errors.map((e) => e.row)).size;
  return (
    <Notice heading={`${result.errors.length} ${result.errors.length === 1 ? "problem" : "problems"} in ${rows} of ${result.rows} rows`}>
      Nothing was imported. Fix every row below in the file, then check it again.
    </Notice>
  );
}

function ErrorsTable({ errors }: { errors: ImportRowError[] }) {
  return (
    <Table.ScrollContainer minWidth={480} mah={280}>
      <DataTable label="Import problems" columns={["Row", "Field", "Problem"]} numeric={["Row"]} striped>
        {errors.map((e, i) => (
          <Table.Tr key={`${e.row}-${e.field}-${i}`}>
            <Table.Td ta="right">{e.row}</Table.Td>
            <Table.Td>
              <Code>{e.field}</Code>
            </Table.Td>
            <Table.Td className="trellis-break">{e.message}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Table.ScrollContainer>
  );
}
