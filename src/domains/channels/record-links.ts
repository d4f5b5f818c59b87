import type { Subject } from "../../platform/timeline/record.js";

/** Where the web app shows a record a message links to; null for kinds without a page. */
export function recordPath(subject: Subject): string | null {
  const id = encodeURIComponent(subject.id);
  switch (subject.type) {
    case "lead":
      return `/leads/${id}`;
    case "trial":
      return `/trials/${id}`;
    case "instance":
      return `/instances/${id}`;
    case "channel":
      return `/channels/${id}`;
    default:
      return null;
  }
}
