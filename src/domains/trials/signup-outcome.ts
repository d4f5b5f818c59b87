import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { renderTemplate } from "../../platform/outbox/render-template.js";
import { statusName } from "./lead-status.js";
import type { ExistingInstance } from "./qualification-checks.js";
import type { LeadRow } from "./schema.js";

export type SignupOutcomeKind = "received" | "preparing" | "existing_instance" | "high_demand";

/** What the requester reads right after submitting: honest about where the request stands. */
export interface SignupOutcome {
  outcome: SignupOutcomeKind;
  message: string;
  /** The request's id: lets the requester ask for access to an existing instance (T3). */
  requestId: string | null;
  /** True when the same email had asked within the pack's window: this is that request. */
  duplicate: boolean;
  instances: { id: string; slug: string; name: string; url: string | null; ssoEnabled: boolean }[];
}

export function signupOutcome(pack: ProcessPack, lead: Pick<LeadRow, "id" | "status" | "name" | "company">, instances: readonly ExistingInstance[], duplicate: boolean): SignupOutcome {
  const kind: SignupOutcomeKind =
    instances.length > 0 && lead.status === statusName(pack, "existingInstance")
      ? "existing_instance"
      : lead.status === statusName(pack, "disqualified")
        ? "high_demand"
        : [statusName(pack, "approved"), statusName(pack, "handedOff"), statusName(pack, "pql")].includes(lead.status)
          ? "preparing"
          : "received";
  const template = {
    received: pack.signup.messages.received,
    preparing: pack.signup.messages.preparing,
    existing_instance: pack.signup.messages.existingInstance,
    high_demand: pack.signup.messages.highDemand,
  }[kind];
  const message = renderTemplate(template, { name: lead.name, company: lead.company, instances: instances.map((i) => i.url ?? i.slug).join(", ") }, `signup.messages.${kind}`);
  return { outcome: kind, message, requestId: lead.id, duplicate, instances: kind === "existing_instance" ? [...instances] : [] };
}
