import { SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";

interface FactsProps {
  items: [term: string, value: ReactNode][];
}

/** A record's key facts as a description list: term on the left, value on the right. */
export function Facts({ items }: FactsProps) {
  return (
    <SimpleGrid component="dl" cols={2} spacing="xs" verticalSpacing={6} style={{ gridTemplateColumns: "max-content 1fr", margin: 0 }}>
      {items.map(([term, value]) => (
        <FactRow key={term} term={term} value={value} />
      ))}
    </SimpleGrid>
  );
}

function FactRow({ term, value }: { term: string; value: ReactNode }) {
  return (
    <>
      <Text component="dt" size="sm" c="dimmed">
        {term}
      </Text>
      <Text component="dd" size="sm" m={0} className="trellis-break">
        {value}
      </Text>
    </>
  );
}
