import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";

/** True when the key press belongs to a text field, select, or editable region. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target as HTMLInputElement).type;
    return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
  }
  return false;
}

/**
 * The key press comes from inside a dialog: page-level shortcuts must not act behind it.
 * (Open modals trap focus, so their key presses always come from inside; a dialog that is
 * still animating closed no longer holds focus and does not block shortcuts.)
 */
function fromDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"]') !== null;
}

/** Global single-key shortcut, ignored while typing, with modifiers, or inside a dialog. */
export function useShortcut(key: string, handler: () => void, enabled = true): void {
  const saved = useRef(handler);
  saved.current = handler;
  useEffect(() => {
    if (!enabled) return undefined;
    const listener = (e: globalThis.KeyboardEvent) => {
      if (e.key !== key || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (isTypingTarget(e.target) || fromDialog(e.target)) return;
      e.preventDefault();
      saved.current();
    };
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, [key, enabled]);
}

export interface RowProps {
  ref: (el: HTMLTableRowElement | null) => void;
  tabIndex: number;
  "data-active": boolean | undefined;
  onFocus: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => void;
  onClick: (e: MouseEvent<HTMLTableRowElement>) => void;
}

/** Clicks on a link, button or input inside a row do their own thing, not "open row". */
function fromInnerControl(e: MouseEvent<HTMLElement>): boolean {
  const target = e.target as HTMLElement;
  const control = target.closest("a,button,input,select,textarea,label,[role='button']");
  return control !== null && control !== e.currentTarget && e.currentTarget.contains(control);
}

/**
 * j/k move the focused row, Enter opens it, click opens it. Rows are focusable so the
 * browser's own focus ring shows where you are; the table keeps one tab stop per row.
 */
export function useRowNavigation(count: number, onOpen: (index: number) => void) {
  const [active, setActive] = useState(-1);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  const focusRow = useCallback((index: number) => {
    const el = rows.current[index];
    if (!el) return;
    setActive(index);
    el.focus();
    el.scrollIntoView({ block: "nearest" });
  }, []);

  useShortcut("j", () => focusRow(Math.min(count - 1, active + 1)), count > 0);
  useShortcut("k", () => focusRow(Math.max(0, active - 1)), count > 0);

  useEffect(() => {
    if (active >= count) setActive(count - 1);
  }, [active, count]);

  const getRowProps = (index: number): RowProps => ({
    ref: (el) => {
      rows.current[index] = el;
    },
    tabIndex: 0,
    "data-active": index === active || undefined,
    onFocus: () => setActive(index),
    onKeyDown: (e) => {
      if (e.key === "Enter" && e.target === e.currentTarget) {
        e.preventDefault();
        openRef.current(index);
      }
    },
    onClick: (e) => {
      setActive(index);
      if (fromInnerControl(e) || window.getSelection()?.toString()) return;
      openRef.current(index);
    },
  });

  return { active, getRowProps };
}
