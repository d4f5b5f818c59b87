import { List, Text } from "@mantine/core";
import { Facts } from "@/platform/ui/Facts";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { deploymentLabel, type AccountDetail, type PersonRef } from "@/pages/accounts/api";
import { formatArr, formatDay, formatInt } from "@/pages/accounts/format";

const none = (text = "—") => (
  <Text span size="sm" c="dimmed">
    {text}
  </Text>
);

function person(p: PersonRef | null) {
  if (!p) return none("Nobody");
  return (
    <>
      {p.name}{" "}
      <Text span size="xs" c="dimmed">
        {p.email}
      </Text>
    </>
  );
}

/** The deal and the company: what was sold, when it renews, how it is deployed, where it came from. */
export function DealSection({ account: a }: { account: AccountDetail }) {
  return (
    <Section title="Deal">
      <Facts
        items={[
          ["Account type", a.accountType],
          ["Strategic", a.strategic ? "Yes" : "No"],
          ["Segment", a.segment ? `${a.segment}${a.segmentReason ? ` (${a.segmentReason})` : ""}` : none("Not segmented (set the TA support level)")],
          ["Coverage", a.coverage ?? none()],
          ["ARR", formatArr(a.arr)],
          ["Seats", formatInt(a.seats)],
          ["Developers", formatInt(a.developers)],
          ["Expected close", formatDay(a.expectedCloseDate)],
          ["Closed on", a.closedOn ? formatDay(a.closedOn) : none("Not closed")],
          ["Contract", a.contractStart || a.contractEnd ? `${formatDay(a.contractStart)} to ${formatDay(a.contractEnd)}` : none()],
          ["Renewal date", formatDay(a.contractEnd)],
          ["Deployment", deploymentLabel(a.deployment)],
          ["Domains", a.domains.length ? a.domains.join(", ") : none()],
          ["CRM id", a.crmId ?? none()],
          [
            "Production subscription",
            a.productionSubscriptionId ? (
              <AnchorLink to="/licenses/$subscriptionId" params={{ subscriptionId: a.productionSubscriptionId }} size="sm">
                Subscription and licenses
              </AnchorLink>
            ) : (
              none("None yet (recorded with the close)")
            ),
          ],
        ]}
      />
    </Section>
  );
}

/** Who works the account, and the support level TA leadership chose. */
export function TeamSection({ account: a }: { account: AccountDetail }) {
  return (
    <Section title="Team">
      <Facts
        items={[
          ["AE", person(a.ae)],
          ["CE", person(a.ce)],
          [
            "TA",
            a.ta ? (
              <>
                {person(a.ta)}
                {a.taAssignedAt ? (
                  <Text span size="xs" c="dimmed">
                    {" "}
                    · assigned <RelativeTime value={a.taAssignedAt} />
                  </Text>
                ) : null}
              </>
            ) : (
              none("Not assigned")
            ),
          ],
          ["TPM", person(a.tpm)],
          ["IE", person(a.ie)],
          [
            "TA support level",
            a.taSupportLevel ? (
              <>
                {a.taSupportLevel}{" "}
                <Text span size="xs" c="dimmed">
                  · set <RelativeTime value={a.taSupportLevelAt} />
                </Text>
              </>
            ) : (
              none("Not set")
            ),
          ],
          ["In the book", a.inBookAt ? <RelativeTime value={a.inBookAt} /> : none("Not yet")],
        ]}
      />
    </Section>
  );
}

/** H6: the plan recorded at kickoff. Rendered only once there is one. */
export function EngagementSection({ account: a }: { account: AccountDetail }) {
  const plan = a.engagementPlan;
  if (!plan && !a.kickoffOn) return null;
  return (
    <Section title="Engagement plan">
      <Facts
        items={[
          ["Kickoff", formatDay(a.kickoffOn)],
          ["Check-ins", plan?.checkInCadence ?? none()],
          [
            "Trainings",
            plan?.trainings.length ? (
              <List size="sm" spacing={2}>
                {plan.trainings.map((t) => (
                  <List.Item key={t.name}>
                    {t.name}, due {formatDay(t.dueOn)}
                  </List.Item>
                ))}
              </List>
            ) : (
              none("None")
            ),
          ],
          ["Onboarding help", plan?.onboardingHelp ? <span style={{ whiteSpace: "pre-wrap" }}>{plan.onboardingHelp}</span> : none("None")],
          ["Recorded", plan ? <>{plan.recordedBy} · <RelativeTime value={plan.recordedAt} /></> : none()],
        ]}
      />
    </Section>
  );
}
