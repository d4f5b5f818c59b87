import sanitizeHtml from "sanitize-html";

/**
 * The rich-text subset docs keep: what the web editor produces (headings, lists, emphasis,
 * links, quotes, code, tables). Everything else (scripts, styles, event handlers, iframes) is
 * dropped on write, so an API client that renders a doc's HTML as-is is safe.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1", "h2", "h3", "h4", "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "mark", "sub", "sup",
  ],
  allowedAttributes: { a: ["href", "target", "rel"], ol: ["start"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"] },
  allowedSchemes: ["http", "https", "mailto"],
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }) },
};

export function sanitizeDocHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Escapes a value put into an HTML template ({{account}} in a doc template). */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
