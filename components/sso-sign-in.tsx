import { getTranslations } from "next-intl/server";
import { ssoSignInAction } from "@/app/login/sso/actions";
import { SSO_REFUSALS, ssoChoices, type SsoRefusal } from "@/lib/auth/sso";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";

type Props = {
  /** `?sso=<reason>` (a refusal by the portal) and `?error=<type>` (Auth.js's own failure) of the login page. */
  sso?: string | string[];
  error?: string | string[];
  /** Whether the password form follows (then an "or" separates the two). */
  passwordSignIn: boolean;
};

/** The login page's single sign-on buttons and why the last SSO attempt failed; nothing when SSO is off. */
export async function SsoSignIn({ sso, error, passwordSignIn }: Props) {
  const choices = ssoChoices();
  if (choices.length === 0) return null;
  const t = await getTranslations("sso");
  const refusal = SSO_REFUSALS.find((reason) => reason === sso) as SsoRefusal | undefined;
  // A wrong password answered by Auth.js's own route is the password form's business, not single sign-on's.
  const failed = !refusal && typeof error === "string" && error !== "CredentialsSignin";
  return (
    <section className="mt-6 space-y-3" aria-label={t("label")}>
      {refusal && <Alert tone="error">{t(`refused.${refusal}`)}</Alert>}
      {failed && <Alert tone="error">{t("failed")}</Alert>}
      {!passwordSignIn && <p className="text-sm text-slate-600">{t("only")}</p>}
      {choices.map((choice) => (
        <form key={choice.id} action={ssoSignInAction}>
          <input type="hidden" name="provider" value={choice.id} />
          <Button type="submit" variant={passwordSignIn ? "secondary" : "brand"} size="md" className="w-full">
            {choice.name ? t("signInWith", { provider: choice.name }) : t("signIn")}
          </Button>
        </form>
      ))}
      {passwordSignIn && (
        <p className="flex items-center gap-3 text-xs text-slate-500 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
          {t("or")}
        </p>
      )}
    </section>
  );
}
