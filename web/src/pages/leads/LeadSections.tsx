import { Anchor, Group, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { Facts } from "@/platform/ui/Facts";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { SlaClock } from "@/platform/ui/SlaClock";
import { StatusPill } from "@/platform/ui/StatusPill";
import { describeDaysLeft, type TrialView } from "@/pages/trials/api";
import { fieldLabel, signupFormQuery } from "@/pages/signup/api";
import type { LeadView } from "@/pages/leads/api";

/** The lead's trial at a glance, linking to the trial page. */
export function LeadTrial({ trial }: { trial: TrialView }) {
  return (
    <Section title="Trial">
      <Facts
        items={[
          [
            "Trial",
            <Group gap="xs" key="t">
              <AnchorLink to="/trials/$trialId" params={{ trialId: trial.id }}>
                {trial.slug}
              </AnchorLink>
              <StatusPill domain="trial" status={trial.state} />
            </Group>,
          ],
          ["Owner", trial.growthOwner?.name ?? "Nobody yet"],
          ["Provisioning SLA", trial.sla ? <SlaClock state={trial.sla.state} workingMsLeft={trial.sla.workingMsLeft} what="Provisioning SLA" dueAt={trial.sla.dueAt} /> : "—"],
          ["Queue", trial.queuePosition ? `Place ${trial.queuePosition} in line` : "—"],
          ["Instance", trial.instance ? <AnchorLink to="/instances/$instanceId" params={{ instanceId: trial.instance.id }}>{trial.instance.url ?? trial.instance.slug}</AnchorLink> : "Not ready yet"],
          ["Days left", describeDaysLeft(trial.daysLeft)],
        ]}
      />
    </Section>
  );
}

/** What the requester told us, the account match, the people and the milestones. */
export function LeadFacts({ lead }: { lead: LeadView }) {
  const form = useQuery(signupFormQuery);
  const fields = Object.entries(lead.fields ?? {});
  const when = (label: string, value: string | null): [string, ReactNode] | null => (value ? [label, <RelativeTime key={label} value={value} />] : null);
  const items: [string, ReactNode][] = [
    ["Requester", `${lead.name} <${lead.email}>`],
    ["Email domain", lead.emailDomain],
    ...fields.map(([key, value]): [string, ReactNode] => [fieldLabel(form.data?.fields, key), value]),
    ["Campaign", lead.campaign],
    [
      "Account",
      lead.account
        ? `${lead.account.name}${lead.account.customer ? " · customer" : ""}${lead.account.strategic ? " · strategic" : ""}`
        : "No matching account",
    ],
    ["SDR", lead.sdr?.name ?? "—"],
    ["AE", lead.ae?.name ?? "—"],
    ["CE", lead.ce?.name ?? "—"],
    ...[
      when("Qualified", lead.qualifiedAt),
      when("Disqualified", lead.disqualifiedAt),
      when("Handed off", lead.handedOffAt),
      when("PQL since", lead.pqlAt),
      when("Converted", lead.convertedAt),
      when("CE booked", lead.ceBookedAt),
      when("CE meeting", lead.ceBookedFor),
    ].filter((x): x is [string, ReactNode] => x !== null),
  ];
  return (
    <Section title="Request">
      <Facts items={items} />
    </Section>
  );
}

/** T3: instances the company already has, and the access requests made to them. */
export function LeadInstances({ lead }: { lead: LeadView }) {
  if (lead.existingInstances.length === 0 && lead.accessRequests.length === 0) return null;
  return (
    <Section title="Existing instances">
      <Stack gap="sm">
        {lead.existingInstances.map((i) => (
          <Group key={i.id} gap="sm">
            <AnchorLink to="/instances/$instanceId" params={{ instanceId: i.id }}>
              {i.name}
            </AnchorLink>
            <Text size="sm" c="dimmed" ff="monospace">
              {i.slug}
            </Text>
            {i.url ? (
              <Anchor href={i.url} target="_blank" rel="noreferrer" size="sm">
                {i.url}
              </Anchor>
            ) : null}
            <Text size="sm" c="dimmed">
              {i.ssoEnabled ? "SSO on" : "No SSO: access by request"}
            </Text>
          </Group>
        ))}
        {lead.accessRequests.length ? (
          <Table aria-label="Access requests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Requested</Table.Th>
                <Table.Th scope="col">By</Table.Th>
                <Table.Th scope="col">Instance</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lead.accessRequests.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <RelativeTime value={r.createdAt} size="sm" />
                  </Table.Td>
                  <Table.Td>{r.email}</Table.Td>
                  <Table.Td>{r.instance?.slug ?? r.instanceId ?? "—"}</Table.Td>
                  <Table.Td>
                    <StatusPill domain="accessRequest" status={r.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Section>
  );
}
