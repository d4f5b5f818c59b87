import { Stack, Text } from "@mantine/core";
import { Notice } from "@/platform/ui/Notice";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import type { AccountDetail } from "@/pages/accounts/api";
import { formatShare } from "@/pages/accounts/format";
import { useAccountsPack } from "@/pages/accounts/pack";

/** What needs someone's attention on this account, at the top of the page. Renders nothing when all is well. */
export function AccountFlags({ account }: { account: AccountDetail }) {
  const pack = useAccountsPack();
  const target = pack.data?.lifecycle.onboardingMauPerSeatTarget;
  const within = pack.data?.accounts.contactsTaggedWithinDays;
  if (!account.onboardingTargetMissedAt && !account.untaggedContacts) return null;
  return (
    <Stack gap="xs">
      {account.onboardingTargetMissedAt ? (
        <Notice tone="danger" heading="Onboarding target missed" announce="status">
          <Text size="sm">
            At the end of onboarding MAU per seat was below the target{target !== undefined ? ` of ${formatShare(target)}` : ""}
            {account.usage?.mauPerSeat !== null && account.usage?.mauPerSeat !== undefined ? ` (now ${formatShare(account.usage.mauPerSeat)})` : ""}. Flagged{" "}
            <RelativeTime value={account.onboardingTargetMissedAt} />: plan how to get adoption back on track with the customer.
          </Text>
        </Notice>
      ) : null}
      {account.untaggedContacts ? (
        <Notice tone="warning" heading="Contacts without a role" announce="status">
          <Text size="sm">
            Some contacts of {account.name} have no role yet. Tag every contact
            {within ? ` within ${within} days of the signature` : ""} (champion, economic buyer, instance admin…) in Contacts below.
          </Text>
        </Notice>
      ) : null}
    </Stack>
  );
}
