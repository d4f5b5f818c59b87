import { createRequire } from "node:module";
import type sanitizeHtml from "sanitize-html";

/** sanitize-html (and the HTML parser and PostCSS it pulls in) is loaded on first use, not at start-up. */
let sanitizer: typeof sanitizeHtml | undefined;
function loadSanitizer(): typeof sanitizeHtml {
  sanitizer ??= createRequire(import.meta.url)("sanitize-html") as typeof sanitizeHtml;
  return sanitizer;
}

/**
 * The rich-text subset docs keep: what the web editor produces (headings, lists, emphasis,
 * links, quotes, code, tables). Everything else (scripts, styles, event handlers, iframes) is
 * dropped on write, so an API client that renders a doc's HTML as-is is safe.
 */
const optionsFor = (sanitize: typeof sanitizeHtml): sanitizeHtml.IOptions => ({
  allowedTags: [
    "h1", "h2", "h3", "h4", "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "mark", "sub", "sup",
  ],
  allowedAttributes: { a: ["href", "target", "rel"], ol: ["start"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto"],
  transformTags: { a: sanitize.simpleTransform("a", { rel: "noopener noreferrer nofollow" }) },
});
let options: sanitizeHtml.IOptions | undefined;

export function sanitizeDocHtml(html: string): string {
  const sanitize = loadSanitizer();
  options ??= optionsFor(sanitize);
  return sanitize(html, options).trim();
}

/** Escapes a value put into an HTML template ({{account}} in a doc template). */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
