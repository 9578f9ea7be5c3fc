"use client";

import { useActionState } from "react";
import { signInAction } from "@/app/login/actions";
import { formStateOf } from "@/lib/forms/result";
import { FailureAlert } from "./ui/alert";
import { SubmitButton } from "./ui/button";
import { Field } from "./ui/field";

export function LoginForm() {
  const [state, action, pending] = useActionState(signInAction, null);
  const { failed, values, errors } = formStateOf(state);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {/* Field errors speak for themselves; a refused sign-in gets the message. */}
      <FailureAlert failure={failed?.fieldErrors ? null : failed} />
      <Field name="email" label="Email" type="email" autoComplete="username" required defaultValue={values.email} errors={errors.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required errors={errors.password} />
      <SubmitButton size="md" className="w-full" pending={pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
