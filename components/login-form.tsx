"use client";

import { useActionState } from "react";
import { signInAction } from "@/app/login/actions";
import { FieldError } from "./field-error";

export function LoginForm() {
  const [state, action, pending] = useActionState(signInAction, null);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state?.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={state?.email}
          required
          aria-describedby="email-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        <FieldError id="email-error" errors={state?.fieldErrors?.email} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby="password-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        <FieldError id="password-error" errors={state?.fieldErrors?.password} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
