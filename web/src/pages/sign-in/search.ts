import { optionalString } from "@/platform/url-search";

export interface SignInSearch {
  /** Where to go after signing in (a same-origin path with its query). */
  redirect?: string;
}

export function validateSignInSearch(raw: Record<string, unknown>): SignInSearch {
  const redirect = optionalString(raw.redirect);
  return redirect ? { redirect } : {};
}
