"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { ssoChoices } from "@/lib/auth/sso";

/** The SSO button: hands the visitor to the chosen (configured) provider; Auth.js adds state, nonce and PKCE. */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  const choice = ssoChoices().find((candidate) => candidate.id === formData.get("provider"));
  if (!choice) redirect("/login");
  await signIn(choice.id, { redirectTo: "/employees" });
}
