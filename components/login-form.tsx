"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { signInAction } from "@/app/login/actions";
import { formStateOf } from "@/lib/forms/result";
import { Alert } from "./ui/alert";
import { SubmitButton } from "./ui/button";
import { Field } from "./ui/field";

// The action's errors are keys of signIn.errors; the generic ones of lib/forms/result.ts are kept as sent.
const ERROR_KEYS = [
  "invalidEmail",
  "enterPassword",
  "wrongCredentials",
  "failed",
  "rateLimited",
  "secondFactorRequired",
  "invalidCode",
  "temporaryPasswordExpired",
] as const;
type ErrorKey = (typeof ERROR_KEYS)[number];
const isErrorKey = (value: string): value is ErrorKey => (ERROR_KEYS as readonly string[]).includes(value);

export function LoginForm() {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState(signInAction, null);
  // The password stays in the browser between the two steps (the server never sends it back); the second
  // step posts it again with the code, so Auth.js checks both in one request.
  const [password, setPassword] = useState("");
  const { failed, values, errors } = formStateOf(state);
  const secondStep = !!state?.secondFactor;
  const say = (message: string) => (isErrorKey(message) ? t(`errors.${message}`, { minutes: state?.minutes ?? 1 }) : message);
  const fieldErrors = (list?: string[]) => list?.map(say);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {/* Field errors speak for themselves; a refused sign-in gets the message. */}
      {failed && !failed.fieldErrors && failed.error !== "secondFactorRequired" && <Alert tone="error">{say(failed.error)}</Alert>}
      {secondStep ? (
        <>
          <p className="text-sm text-slate-700">{t("codeIntro", { email: values.email ?? "" })}</p>
          <input type="hidden" name="email" value={values.email ?? ""} />
          <input type="hidden" name="password" value={password} />
          <Field
            name="code"
            label={t("code")}
            hint={t("codeHint")}
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            required
            errors={fieldErrors(errors.code)}
          />
          <SubmitButton size="md" className="w-full" pending={pending} pendingLabel={t("submitting")}>
            {t("verifyCode")}
          </SubmitButton>
          <p className="text-center text-sm">
            <a href="/login" className="underline">
              {t("startOver")}
            </a>
          </p>
        </>
      ) : (
        <>
          <Field
            name="email"
            label={t("email")}
            type="email"
            autoComplete="username"
            required
            defaultValue={values.email}
            errors={fieldErrors(errors.email)}
          />
          <Field
            name="password"
            label={t("password")}
            type="password"
            autoComplete="current-password"
            required
            onChange={(event) => setPassword(event.currentTarget.value)}
            errors={fieldErrors(errors.password)}
          />
          <SubmitButton size="md" className="w-full" pending={pending} pendingLabel={t("submitting")}>
            {t("submit")}
          </SubmitButton>
        </>
      )}
    </form>
  );
}
