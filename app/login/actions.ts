"use server";

import { AuthError } from "next-auth";
import { SignInRateLimited, signIn, signInSchema } from "@/lib/auth";
import { formValues, parseForm, type FormFailure } from "@/lib/forms/result";

export async function signInAction(_previous: FormFailure | null, formData: FormData): Promise<FormFailure | null> {
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.ok) return parsed;
  // The email comes back after a refusal (the password never does: formValues leaves it out).
  const values = formValues(formData);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/employees" });
    return null;
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors mean the sign-in failed.
    if (error instanceof SignInRateLimited) {
      const minutes = Math.ceil(error.retryAfterSeconds / 60);
      return { ok: false, error: `Too many sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`, values };
    }
    if (error instanceof AuthError) {
      return { ok: false, error: error.type === "CredentialsSignin" ? "Wrong email or password." : "Sign-in failed. Try again.", values };
    }
    throw error;
  }
}
