"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { startOverVerificationAction, startVerificationAction, type StartedVerification } from "@/app/(portal)/employees/actions";
import type { VerifyDialogState } from "@/lib/verification/dialog-state";
import { PROVIDER_LABELS } from "@/lib/verification/verified";
import { formStateOf, type ActionResult } from "@/lib/forms/result";
import type { Provider } from "@/lib/generated/prisma/enums";
import { Alert } from "./ui/alert";
import { Button, SubmitButton, buttonClass } from "./ui/button";
import { FieldError } from "./ui/field";
import { LocalTime } from "./local-time";

export type { StartedVerification };

export type View =
  | { kind: "loading" }
  | { kind: "unavailable"; error: string }
  | { kind: "state"; state: VerifyDialogState }
  | { kind: "started"; started: StartedVerification; how: "new" | "reused" | "start_over"; state: VerifyDialogState };

export type Start = (action: typeof startVerificationAction, data: FormData, how: "new" | "start_over") => Promise<ActionResult<StartedVerification>>;

type BodyProps = { view: Extract<View, { kind: "state" | "started" }>; employeeId: string; start: Start };

// The messages above the link, by how the dialog got it (keys chosen at run time).
const LINK_MESSAGES = { new: "linkStarted", start_over: "linkStartedOver", reused: "linkReused" } as const;

export function DialogBody({ view, employeeId, start }: BodyProps) {
  const t = useTranslations("verify");
  const tStatus = useTranslations("status");
  const { state } = view;
  const link = view.kind === "started" ? view.started : state.open;
  return (
    <div className="mt-4 space-y-3 text-sm">
      {state.verified && (
        <Alert tone="success" role="none" data-testid="verified-fact">
          {t("verifiedFact", { description: state.verified.description })}
          {state.verified.onReplacedLink && ` ${t("verifiedOnReplacedLink")}`}
        </Alert>
      )}
      {state.archived ? (
        <p className="text-slate-700">{t("archived")}</p>
      ) : link ? (
        <LinkView link={link} message={t(LINK_MESSAGES[view.kind === "started" ? view.how : "reused"])} employeeId={employeeId} start={start} />
      ) : state.starting ? (
        <p role="status" className="text-slate-700">
          {t("startingNow")}
        </p>
      ) : (
        <>
          {state.lastAttempt && state.lastAttempt.status !== "approved" && (
            <p className="text-slate-600" data-testid="last-attempt">
              {t.rich("lastAttempt", {
                status: tStatus(state.lastAttempt.status).toLowerCase(),
                when: () => <LocalTime value={state.lastAttempt!.at} />,
              })}
            </p>
          )}
          <StartForm employeeId={employeeId} verified={state.verified !== null} start={start} />
        </>
      )}
    </div>
  );
}

type Link = StartedVerification | NonNullable<VerifyDialogState["open"]>;

function LinkView({ link, message, employeeId, start }: { link: Link; message: string; employeeId: string; start: Start }) {
  const t = useTranslations("verify");
  const [copied, setCopied] = useState(false);
  const [, startOver, pending] = useActionState((_: unknown, data: FormData) => start(startOverVerificationAction, data, "start_over"), null);
  async function copy() {
    await navigator.clipboard.writeText(link.verificationUrl).catch(() => undefined);
    setCopied(true);
  }
  return (
    <div className="space-y-3" data-testid="verification-link">
      <Alert tone="info">{message}</Alert>
      <input
        readOnly
        value={link.verificationUrl}
        aria-label={t("linkLabel")}
        className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="flex flex-wrap gap-2">
        <a href={link.verificationUrl} target="_blank" rel="noopener noreferrer" className={buttonClass({ variant: "brand" })}>
          {t("openLink")}
        </a>
        <Button onClick={copy}>{copied ? t("copied") : t("copyLink")}</Button>
      </div>
      {link.expiresAt && <p className="text-slate-600">{t.rich("expires", { when: () => <LocalTime value={link.expiresAt!} /> })}</p>}
      <form action={startOver} className="border-t border-slate-200 pt-3">
        <input type="hidden" name="employeeId" value={employeeId} />
        <input type="hidden" name="provider" value={link.provider} />
        {link.idType && <input type="hidden" name="idType" value={link.idType} />}
        <input type="hidden" name="replaceSessionId" value={link.sessionId} />
        {/* Honest: EasyFreelance's API has no way to cancel a flow, so the old link is never cancelled there. */}
        <p className="text-slate-600" data-testid="start-over-warning">
          {t("startOverWarning")}
        </p>
        <SubmitButton variant="secondary" className="mt-2" pending={pending} pendingLabel={t("working")}>
          {t("startOver")}
        </SubmitButton>
      </form>
    </div>
  );
}

const PROVIDERS: readonly Provider[] = ["veriff", "bankid"];
const asProvider = (value: string | undefined): Provider => (value === "bankid" ? "bankid" : "veriff");

/** The start form: one convention with the others (lib/forms/result.ts), so a failed start keeps the choices. */
function StartForm({ employeeId, verified, start }: { employeeId: string; verified: boolean; start: Start }) {
  const t = useTranslations("verify");
  const [state, action, pending] = useActionState((_: unknown, data: FormData) => start(startVerificationAction, data, "new"), null);
  const { values, errors } = formStateOf(state);
  // Whether to ask for the ID document: follows the radios, and after a failed start the provider that was sent.
  const [provider, setProvider] = useState<Provider>("veriff");
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setProvider(asProvider(values.provider));
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="employeeId" value={employeeId} />
      <fieldset>
        <legend className="font-medium">{t("provider")}</legend>
        <div className="mt-2 space-y-2">
          {PROVIDERS.map((choice) => (
            <label key={choice} className="flex items-center gap-2">
              <input
                type="radio"
                name="provider"
                value={choice}
                defaultChecked={choice === asProvider(values.provider)}
                onChange={() => setProvider(choice)}
              />
              {choice === "veriff" ? t("veriffChoice", { provider: PROVIDER_LABELS.veriff }) : PROVIDER_LABELS[choice]}
            </label>
          ))}
        </div>
        <FieldError id="provider-error" errors={errors.provider} />
      </fieldset>
      {provider === "veriff" && (
        <fieldset>
          <legend className="font-medium">{t("idDocument")}</legend>
          <div className="mt-2 space-y-2">
            <label className="flex items-center gap-2">
              <input type="radio" name="idType" value="local" defaultChecked={values.idType !== "international"} />
              {t("idLocal")}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="idType" value="international" defaultChecked={values.idType === "international"} />
              {t("idInternational")}
            </label>
          </div>
          <FieldError id="idType-error" errors={errors.idType} />
        </fieldset>
      )}
      {verified && (
        <fieldset className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <legend className="px-1 font-medium">{t("alreadyVerified")}</legend>
          <p>{t("reverifyExplain")}</p>
          <label className="flex flex-col">
            {t("reason")}
            <textarea
              name="reason"
              maxLength={500}
              rows={2}
              defaultValue={values.reason}
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1"
            />
          </label>
          <FieldError id="reason-error" errors={errors.reason} />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="confirmReverify" defaultChecked={values.confirmReverify === "on"} />
            {t("confirmReverify")}
          </label>
        </fieldset>
      )}
      <SubmitButton end pending={pending} pendingLabel={t("startPending")}>
        {t("start")}
      </SubmitButton>
    </form>
  );
}
