import { PageHeader } from "@/platform/ui/PageHeader";
import { RouteTabs, useCurrentTab } from "@/platform/ui/RouteTabs";

const TABS = [
  { value: "pipeline", label: "Pipeline", to: "/renewals" },
  { value: "changes", label: "Changes this week", to: "/renewals/changes" },
  { value: "lighthouse", label: "Lighthouse", to: "/renewals/lighthouse" },
] as const;

/** R1–R5: the renewal pipeline by quarter with its forecast, the week's changes, and the Lighthouse save program; one URL per tab. */
export function RenewalsPage() {
  const current = useCurrentTab(TABS, "pipeline");
  return (
    <>
      <PageHeader
        title="Renewals"
        description="Contracts coming up for renewal: each one's Health Assessment rating, the AE's projection, the forecast by quarter, and the accounts in the Lighthouse save program."
      />
      <RouteTabs label="Renewals sections" tabs={TABS} current={current} />
    </>
  );
}
