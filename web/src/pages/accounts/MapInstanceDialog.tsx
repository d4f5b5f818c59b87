import { Radio, ScrollArea, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { ErrorState } from "@/platform/ui/ErrorState";
import { timing } from "@/theme";
import { instanceListQuery, kindLabel } from "@/pages/instances/api";
import { mapInstance, type AccountDetail } from "@/pages/accounts/api";
import { useAccountAction } from "@/pages/accounts/useAccountAction";

/** Links an instance to the account: its usage then counts towards the account's stage and usage summary. */
export function MapInstanceDialog({ account, onClose }: { account: AccountDetail; onClose: () => void }) {
  const [text, setText] = useState(account.domain ? account.domain.split(".")[0] ?? "" : "");
  const [q] = useDebouncedValue(text.trim(), timing.searchDebounceMs);
  const [picked, setPicked] = useState("");
  const [touched, setTouched] = useState(false);
  const found = useInfiniteQuery({ ...instanceListQuery({ q: q || undefined, status: "active" }), placeholderData: keepPreviousData });
  const mapped = new Set(account.instances.map((i) => i.id));
  const options = (found.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => !mapped.has(i.id));
  const chosen = options.find((i) => i.id === picked);
  const map = useAccountAction(account.id, (instanceId: string) => mapInstance(account.id, instanceId), {
    title: "Instance mapped",
    message: (a) => `${chosen?.slug ?? "The instance"} now belongs to ${a.name}.`,
    onDone: onClose,
  });

  let list;
  if (found.isPending) list = <Skeleton height={80} />;
  else if (found.isError) list = <ErrorState error={found.error} what="search the instances" onRetry={() => void found.refetch()} />;
  else if (options.length === 0)
    list = (
      <Text size="sm" c="dimmed" role="status">
        {q ? `No unmapped active instance matches “${q}”.` : "No unmapped active instances."} Search by slug, name or company.
      </Text>
    );
  else
    list = (
      <Radio.Group label="Instance" value={picked} onChange={setPicked} error={touched && !picked ? "Choose an instance." : undefined}>
        <ScrollArea.Autosize mah={260} type="auto">
          <Stack gap={6} mt={4}>
            {options.map((i) => (
              <Radio
                key={i.id}
                value={i.id}
                label={`${i.name} (${i.slug})`}
                description={`${kindLabel(i.kind)}${i.company ? ` · ${i.company}` : ""}${i.seats !== null ? ` · ${i.seats} seats` : ""}`}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Radio.Group>
    );

  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Map an instance to ${account.name}`}
      confirmLabel="Map instance"
      onConfirm={() => {
        setTouched(true);
        if (picked) map.mutate(picked);
      }}
      pending={map.isPending}
      error={map.error}
      extra={
        <>
          <TextInput label="Find instance" type="search" placeholder="Slug, name or company" value={text} onChange={(e) => setText(e.currentTarget.value)} data-autofocus />
          {list}
        </>
      }
    >
      The instance&apos;s usage then counts for {account.name}: its usage summary, MAU per seat and lifecycle stage.
      {chosen ? ` ${chosen.slug} is moved here if another account had it.` : ""}
    </ConfirmDialog>
  );
}
