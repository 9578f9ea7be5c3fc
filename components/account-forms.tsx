"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import {
  changePasswordAction,
  confirmSecondFactorAction,
  disableSecondFactorAction,
  newRecoveryCodesAction,
  startSecondFactorAction,
} from "@/app/(portal)/account/actions";
import { formStateOf, type FormFailure } from "@/lib/forms/result";
import { Alert } from "./ui/alert";
import { SubmitButton } from "./ui/button";
import { Field } from "./ui/field";

// The actions answer keys of account.errors (lib/auth/password-policy.ts's problems among them); the generic
// messages of staffAction come as sentences and are shown as sent.
const ERROR_KEYS = [
  "checkFields",
  "enterPassword",
  "tooShort",
  "tooLong",
  "lettersAndDigit",
  "moreVariety",
  "containsEmail",
  "mismatch",
  "samePassword",
  "wrongPassword",
  "rateLimited",
  "alreadyEnabled",
  "notEnabled",
  "enrolmentExpired",
  "codeFormat",
  "wrongCode",
  "requiredForAdmins",
] as const;
type ErrorKey = (typeof ERROR_KEYS)[number];

function useSay() {
  const t = useTranslations("account");
  return (message: string) => ((ERROR_KEYS as readonly string[]).includes(message) ? t(`errors.${message as ErrorKey}`) : message);
}

function Failure({ failed }: { failed: FormFailure | null }) {
  const say = useSay();
  return failed ? <Alert tone="error">{say(failed.error)}</Alert> : null;
}

export function ChangePasswordForm({ passwordRule }: { passwordRule: string }) {
  const t = useTranslations("account");
  const say = useSay();
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const { failed, errors } = formStateOf(state);
  return (
    <form action={action} className="mt-4 grid max-w-md gap-4" noValidate>
      <Failure failed={failed} />
      <Field
        name="currentPassword"
        label={t("password.current")}
        type="password"
        autoComplete="current-password"
        errors={errors.currentPassword?.map(say)}
      />
      <Field
        name="newPassword"
        label={t("password.new")}
        type="password"
        autoComplete="new-password"
        hint={passwordRule}
        errors={errors.newPassword?.map(say)}
      />
      <Field
        name="confirmPassword"
        label={t("password.confirm")}
        type="password"
        autoComplete="new-password"
        errors={errors.confirmPassword?.map(say)}
      />
      <div>
        <SubmitButton size="md" pending={pending} pendingLabel={t("password.submitting")}>
          {t("password.submit")}
        </SubmitButton>
      </div>
      <p className="text-sm text-slate-600">{t("password.signsOut")}</p>
    </form>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations("account");
  return (
    <Alert tone="warning" as="div" role="status">
      <p className="font-medium">{t("secondFactor.recoveryCodesTitle")}</p>
      <p className="mt-1">{t("secondFactor.recoveryCodesHint")}</p>
      <ul className="mt-2 grid grid-cols-1 gap-1 font-mono sm:grid-cols-2" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </Alert>
  );
}

/** Turning two-step verification on: a QR code (and its secret as text), then a code from the app. */
export function SecondFactorSetup() {
  const t = useTranslations("account");
  const say = useSay();
  const [started, start, starting] = useActionState(startSecondFactorAction, null);
  const [confirmed, confirm, confirming] = useActionState(confirmSecondFactorAction, null);
  if (confirmed?.ok) {
    return (
      <div className="mt-4 grid max-w-xl gap-4">
        <Alert tone="success">{t("secondFactor.enabled")}</Alert>
        <RecoveryCodes codes={confirmed.data.recoveryCodes} />
      </div>
    );
  }
  const confirmFailed = formStateOf(confirmed).failed;
  return (
    <div className="mt-4 grid max-w-xl gap-4">
      {!started?.ok ? (
        <form action={start}>
          <Failure failed={formStateOf(started).failed} />
          <SubmitButton size="md" pending={starting} pendingLabel={t("secondFactor.starting")}>
            {t("secondFactor.start")}
          </SubmitButton>
        </form>
      ) : (
        <>
          <p className="text-sm">{t("secondFactor.scan")}</p>
          {/* SVG made on the server by the qrcode package from the otpauth:// URI; no script, no external image. */}
          <div
            className="w-48 max-w-full rounded border border-slate-200 bg-white p-2"
            role="img"
            aria-label={t("secondFactor.qrLabel")}
            dangerouslySetInnerHTML={{ __html: started.data.qrSvg }}
          />
          <p className="text-sm">
            {t("secondFactor.manual")}{" "}
            <code className="break-all font-mono" data-testid="totp-secret">
              {started.data.secret}
            </code>
          </p>
          <form action={confirm} className="grid max-w-xs gap-3" noValidate>
            <Failure failed={confirmFailed?.fieldErrors ? null : confirmFailed} />
            <Field
              name="code"
              label={t("secondFactor.code")}
              inputMode="numeric"
              autoComplete="one-time-code"
              errors={formStateOf(confirmed).errors.code?.map(say)}
            />
            <div>
              <SubmitButton size="md" pending={confirming} pendingLabel={t("secondFactor.confirming")}>
                {t("secondFactor.confirm")}
              </SubmitButton>
            </div>
          </form>
        </>
      )}
    </div>
  );
}

/** With two-step verification on: new recovery codes, or turning it off; both ask for the password. */
export function SecondFactorManage({ canDisable }: { canDisable: boolean }) {
  const t = useTranslations("account");
  const say = useSay();
  const [codes, renew, renewing] = useActionState(newRecoveryCodesAction, null);
  const [disabled, disable, disabling] = useActionState(disableSecondFactorAction, null);
  const codesState = formStateOf(codes);
  const disableState = formStateOf(disabled);
  return (
    <div className="mt-4 grid max-w-xl gap-6">
      {codes?.ok && <RecoveryCodes codes={codes.data.recoveryCodes} />}
      <PasswordConfirmedForm
        action={renew}
        id="renew-password"
        title={t("secondFactor.renewTitle")}
        state={codesState}
        say={say}
        label={t("password.current")}
        submit={{ variant: "secondary", pending: renewing, label: t("secondFactor.renew"), pendingLabel: t("secondFactor.renewing") }}
      />
      {canDisable && (
        <PasswordConfirmedForm
          action={disable}
          id="disable-password"
          title={t("secondFactor.disableTitle")}
          state={disableState}
          say={say}
          label={t("password.current")}
          submit={{ variant: "danger", pending: disabling, label: t("secondFactor.disable"), pendingLabel: t("secondFactor.disabling") }}
        />
      )}
    </div>
  );
}

/** A form whose only field is the current password: what recovery codes and turning two-step verification off ask for. */
function PasswordConfirmedForm(props: {
  action: (data: FormData) => void;
  id: string;
  title: string;
  state: ReturnType<typeof formStateOf>;
  say: (message: string) => string;
  label: string;
  submit: { variant: "secondary" | "danger"; pending: boolean; label: string; pendingLabel: string };
}) {
  const { state, submit } = props;
  return (
    <form action={props.action} className="grid max-w-md gap-3" noValidate>
      <h3 className="font-medium">{props.title}</h3>
      <Failure failed={state.failed?.fieldErrors ? null : state.failed} />
      <Field
        id={props.id}
        name="currentPassword"
        label={props.label}
        type="password"
        autoComplete="current-password"
        errors={state.errors.currentPassword?.map(props.say)}
      />
      <div>
        <SubmitButton size="md" variant={submit.variant} pending={submit.pending} pendingLabel={submit.pendingLabel}>
          {submit.label}
        </SubmitButton>
      </div>
    </form>
  );
}
