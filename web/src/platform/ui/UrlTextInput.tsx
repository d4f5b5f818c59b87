import { TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { timing } from "@/theme";

interface UrlTextInputProps {
  label: string;
  placeholder: string;
  w: number;
  /** The filter as the URL holds it. */
  value: string | undefined;
  /** Called after a pause in typing with the trimmed text, or undefined when blank. */
  onCommit: (value: string | undefined) => void;
}

/** A text filter kept in the URL: it writes after a pause in typing (not per key) and follows the URL when it changes. */
export function UrlTextInput({ label, placeholder, w, value: fromUrlValue, onCommit }: UrlTextInputProps) {
  const fromUrl = fromUrlValue ?? "";
  const [value, setValue] = useState(fromUrl);
  const push = useDebouncedCallback((next: string) => onCommit(next.trim() || undefined), timing.filterDebounceMs);
  // Follow the URL (a removed pill, back/forward) without undoing what is being typed.
  useEffect(() => setValue((typed) => (typed.trim() === fromUrl ? typed : fromUrl)), [fromUrl]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      size="xs"
      w={w}
      type="search"
      value={value}
      onChange={(e) => {
        setValue(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
    />
  );
}
