import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/session";
import { LoginForm } from "@/components/login-form";
import { SsoSignIn } from "@/components/sso-sign-in";
import { passwordSignInEnabled } from "@/lib/auth/sso";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ sso?: string | string[]; error?: string | string[] }> }) {
  if (await currentStaff()) redirect("/employees");
  const { sso, error } = await searchParams;
  const passwordSignIn = passwordSignInEnabled();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">EasyFreelance partner portal for HR staff.</p>
      <SsoSignIn sso={sso} error={error} passwordSignIn={passwordSignIn} />
      {passwordSignIn && <LoginForm />}
    </main>
  );
}
