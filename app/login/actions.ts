"use server";

import { AuthError } from "next-auth";
import { InvalidSecondFactor, SecondFactorRequired, SignInRateLimited, TemporaryPasswordExpired, signIn, signInSchema } from "@/lib/auth";
import { getLocale } from "next-intl/server";
import { formValues, type FormFailure } from "@/lib/forms/result";
import { parseForm } from "@/lib/forms/parse";
import type { Locale } from "@/lib/i18n/locales";

/** A refused sign-in; `secondFactor`: the password was right, now ask for the code. Errors are `signIn` keys (errors.*). */
export type SignInState = FormFailure & { secondFactor?: boolean; minutes?: number };

export async function signInAction(_previous: SignInState | null, formData: FormData): Promise<SignInState | null> {
  const parsed = parseForm(signInSchema, formData, (await getLocale()) as Locale);
  if (!parsed.ok) return parsed;
  // The email comes back after a refusal (the password never does: formValues leaves it out; the form keeps
  // it in the browser for the second step).
  const values = formValues(formData);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/employees" });
    return null;
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors mean the sign-in failed.
    if (error instanceof SignInRateLimited) {
      return { ok: false, error: "rateLimited", minutes: Math.ceil(error.retryAfterSeconds / 60), values, secondFactor: !!parsed.data.code };
    }
    if (error instanceof SecondFactorRequired) return { ok: false, error: "secondFactorRequired", values, secondFactor: true };
    if (error instanceof InvalidSecondFactor) return { ok: false, error: "invalidCode", values, secondFactor: true };
    if (error instanceof TemporaryPasswordExpired) return { ok: false, error: "temporaryPasswordExpired", values };
    if (error instanceof AuthError) return { ok: false, error: error.type === "CredentialsSignin" ? "wrongCredentials" : "failed", values };
    throw error;
  }
}
