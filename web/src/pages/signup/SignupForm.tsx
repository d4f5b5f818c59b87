import { Button, NativeSelect, Skeleton, Stack, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { describeError, isApiError } from "@/platform/api";
import { Notice } from "@/platform/ui/Notice";
import { signupFormQuery, submitSignup, type SignupAnswer, type SignupField } from "@/pages/signup/api";
import { Honeypot } from "@/pages/signup/Honeypot";
import { RateLimitNotice, useRetryCountdown } from "@/pages/signup/RateLimitNotice";
import { LIMITS, validateSignup, type SignupValues } from "@/pages/signup/validation";

const NONE = "";

/** Name, work email, company and the pack's optional fields, checked as you type with the API's rules. */
export function SignupForm({ onAnswer }: { onAnswer: (answer: SignupAnswer) => void }) {
  const form = useQuery(signupFormQuery);
  const fields: SignupField[] = form.data?.fields ?? [];
  const [values, setValues] = useState<SignupValues>({ name: "", email: "", company: "", fields: {} });
  const [website, setWebsite] = useState("");
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const countdown = useRetryCountdown();
  const clientErrors = validateSignup(values, fields);
  const errorOf = (key: string): string | undefined => serverErrors[key] ?? (touched[key] || submitted ? clientErrors[key] : undefined);

  const change = (key: string, value: string) => {
    setValues((v) => (key.startsWith("fields.") ? { ...v, fields: { ...v.fields, [key.slice(7)]: value } } : { ...v, [key]: value }));
    setTouched((t) => ({ ...t, [key]: true }));
    setServerErrors(({ [key]: _dropped, ...rest }) => rest);
    setFormError(null);
  };

  const submit = useMutation({
    mutationFn: () => {
      const filled = Object.fromEntries(Object.entries(values.fields).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ""));
      return submitSignup({
        name: values.name.trim(),
        email: values.email.trim(),
        company: values.company.trim(),
        ...(Object.keys(filled).length ? { fields: filled } : {}),
        ...(website ? { website } : {}),
      });
    },
    onSuccess: onAnswer,
    onError: (e) => {
      if (isApiError(e) && e.status === 429) {
        countdown.start(e.retryAfter ?? 60);
        return;
      }
      const placed: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const issue of isApiError(e) ? e.issues : []) {
        const key = issue.path.join(".");
        if (["name", "email", "company"].includes(key) || (key.startsWith("fields.") && fields.some((f) => `fields.${f.key}` === key))) {
          placed[key] ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
        } else unplaced.push(issue.message);
      }
      setServerErrors(placed);
      if (Object.keys(placed).length === 0 || unplaced.length) {
        const d = describeError(e, "send your request");
        setFormError(unplaced.length ? unplaced.join(" ") : `${d.message} ${d.hint}`);
      }
    },
  });

  return (
    <form
      noValidate
      aria-label="Trial signup"
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (Object.keys(clientErrors).length === 0 && !countdown.waiting) submit.mutate();
      }}
    >
      <Stack gap="sm">
        <TextInput label="Your name" name="name" autoComplete="name" required value={values.name} error={errorOf("name")} maxLength={LIMITS.name + 20} onChange={(e) => change("name", e.currentTarget.value)} />
        <TextInput
          label="Work email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={values.email}
          error={errorOf("email")}
          description="Use your company address: it links the trial to your company."
          onChange={(e) => change("email", e.currentTarget.value)}
        />
        <TextInput label="Company" name="company" autoComplete="organization" required value={values.company} error={errorOf("company")} onChange={(e) => change("company", e.currentTarget.value)} />
        {form.isPending ? <Skeleton height={36} aria-hidden="true" /> : null}
        {fields.map((f) =>
          f.type === "select" ? (
            <NativeSelect
              key={f.key}
              label={`${f.label} (optional)`}
              name={`fields.${f.key}`}
              value={values.fields[f.key] ?? NONE}
              error={errorOf(`fields.${f.key}`)}
              data={[{ value: NONE, label: "Choose…" }, ...f.options.map((o) => ({ value: o, label: o }))]}
              onChange={(e) => change(`fields.${f.key}`, e.currentTarget.value)}
            />
          ) : (
            <TextInput
              key={f.key}
              label={`${f.label} (optional)`}
              name={`fields.${f.key}`}
              value={values.fields[f.key] ?? ""}
              error={errorOf(`fields.${f.key}`)}
              onChange={(e) => change(`fields.${f.key}`, e.currentTarget.value)}
            />
          ),
        )}
        <Honeypot value={website} onChange={setWebsite} />
        {countdown.waiting ? <RateLimitNotice secondsLeft={countdown.secondsLeft} /> : null}
        {formError ? <Notice heading="Your request was not sent">{formError}</Notice> : null}
        <Button type="submit" loading={submit.isPending} disabled={countdown.waiting}>
          Request my trial
        </Button>
      </Stack>
    </form>
  );
}
