import { Link } from "@mantine/tiptap";
import StarterKit from "@tiptap/starter-kit";

/**
 * The editor's schema: what the server keeps (src/domains/docs/sanitize-doc-html.ts allows
 * h1–h4, lists, emphasis, links, quotes, code). StarterKit (tiptap v3) has its own Link; it is
 * swapped for Mantine's (the same extension, with Ctrl/⌘+K opening the link control and links
 * that do not navigate on click while editing), so Link is registered once.
 */
export const docExtensions = [StarterKit.configure({ heading: { levels: [1, 2, 3] }, link: false }), Link];
