import { Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { DataTable } from "@/platform/ui/DataTable";
import { QueryError } from "@/platform/ui/QueryStates";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { accountDocsQuery, DOC_WRITERS } from "@/pages/docs/api";
import { NewDocMenu } from "@/pages/docs/NewDocMenu";

const COLUMNS = ["Doc", "Version", "Last edited by", "Updated"];

/** The account page's docs (the Handoff Doc and others): each with its version and last editor, and "New doc". */
export function AccountDocsPanel({ accountId }: { accountId: string }) {
  const query = useQuery(accountDocsQuery(accountId));
  const canWrite = DOC_WRITERS.has(useSession()?.user.role ?? "");
  const items = query.data?.items ?? [];

  let body;
  if (query.isPending) body = <TableSkeleton label="Docs" columns={COLUMNS} rows={2} />;
  else if (query.isError && !query.data) body = <QueryError query={query} what="load the account's docs" />;
  else if (items.length === 0) {
    body = (
      <Text size="sm" c="dimmed" role="status">
        No docs yet. The Handoff Doc is made from its template before the deal closes{canWrite ? "; start one now with New doc" : ""}.
      </Text>
    );
  } else {
    body = (
      <DataTable label="Docs of this account" columns={COLUMNS} numeric={["Version"]} minWidth={520}>
        {items.map((doc) => (
          <Table.Tr key={doc.id}>
            <Table.Td className="trellis-break">
              <AnchorLink to="/docs/$docId" params={{ docId: doc.id }} size="sm" fw={500}>
                {doc.title}
              </AnchorLink>
            </Table.Td>
            <Table.Td ta="right">v{doc.version}</Table.Td>
            <Table.Td>{doc.updatedBy}</Table.Td>
            <Table.Td>
              <RelativeTime value={doc.updatedAt} size="sm" />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    );
  }

  return (
    <Section title="Docs" actions={canWrite ? <NewDocMenu accountId={accountId} /> : null}>
      {body}
    </Section>
  );
}
