"use server";

import { AuthError } from "next-auth";
import { SignInRateLimited, signIn, signInSchema } from "@/lib/auth";

export type SignInState = { error?: string; fieldErrors?: Record<string, string[]>; email?: string } | null;

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: formData.get("password") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { fieldErrors, email };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/employees" });
    return null;
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors mean the sign-in failed.
    if (error instanceof SignInRateLimited) {
      const minutes = Math.ceil(error.retryAfterSeconds / 60);
      return { error: `Too many sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`, email };
    }
    if (error instanceof AuthError) {
      return { error: error.type === "CredentialsSignin" ? "Wrong email or password." : "Sign-in failed. Try again.", email };
    }
    throw error;
  }
}
