/**
 * A deliberately tiny template language: `{{name}}` replaced by a value, nothing else (no
 * logic, no HTML escaping: templates are plain-text emails). A variable without a value is
 * an error rather than an empty string, so a pack typo cannot send "Hello ," to a customer.
 */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

export type TemplateVars = Readonly<Record<string, string | number>>;

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

export function renderTemplate(template: string, vars: TemplateVars, name = "template"): string {
  const missing = new Set<string>();
  const out = template.replace(VARIABLE, (_whole, key: string) => {
    const value = Object.hasOwn(vars, key) ? vars[key] : undefined;
    if (value === undefined) {
      missing.add(key);
      return "";
    }
    return String(value);
  });
  if (missing.size > 0) {
    const known = Object.keys(vars).join(", ") || "none";
    throw new TemplateError(`${name} uses {{${[...missing].join("}}, {{")}}} but no value was given (known: ${known}).`);
  }
  return out;
}

/** Variables a template refers to, for validating a pack against what a use case provides. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(VARIABLE)].map((m) => m[1] ?? ""))];
}

export interface EmailTemplate {
  subject: string;
  text: string;
}

export function renderEmail(template: EmailTemplate, vars: TemplateVars, name: string): EmailTemplate {
  return {
    subject: renderTemplate(template.subject, vars, `${name}.subject`),
    text: renderTemplate(template.text, vars, `${name}.text`),
  };
}
