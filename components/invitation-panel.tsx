"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { createInvitationAction, revokeInvitationAction, sendInvitationAction } from "@/app/(portal)/employees/actions";
import type { InvitationSummary } from "@/lib/verification/invitations";
import type { ActionResult } from "@/lib/forms/result";
import { Alert } from "./ui/alert";
import { Button, SubmitButton } from "./ui/button";
import { LocalTime } from "./local-time";

// The Verify dialog's invitation: create one (HR picks the method or leaves it to the employee), then its link,
// QR code (SVG rendered on the server), email delivery and revocation. The direct EasyFreelance link stays below.

const METHODS = ["employee", "bankid", "veriff_local", "veriff_international"] as const;
const PROGRESS_TONE = { invited: "info", opened: "info", in_progress: "info", verified: "success", needs_attention: "warning" } as const;

type Props = {
  invitation: InvitationSummary | null;
  employeeId: string;
  /** Reads the dialog's state again; resolves with the employee's open invitation now (null: none). */
  reload: () => Promise<InvitationSummary | null>;
  /** An invitation was created, sent (or not) or revoked: the page behind the dialog may show it (the employee's page). */
  onChanged: () => void;
};

export function InvitationPanel({ invitation, employeeId, reload, onChanged }: Props) {
  const t = useTranslations("invitations");
  const [shown, setShown] = useState(invitation);
  const [seen, setSeen] = useState(invitation);
  if (seen !== invitation) {
    setSeen(invitation);
    setShown(invitation);
  }
  const [created, create, creating] = useActionState(async (_: unknown, data: FormData) => {
    const result = await createInvitationAction(null, data);
    if (result.ok) {
      setShown(result.data);
      onChanged();
    }
    return result;
  }, null);
  return (
    <section className="mt-4 space-y-3 rounded-md border border-slate-200 p-3 text-sm" aria-labelledby="invitation-title" data-testid="invitation">
      <h3 id="invitation-title" className="font-semibold">
        {t("title")}
      </h3>
      {shown ? (
        <InvitationView invitation={shown} employeeId={employeeId} onChange={setShown} reload={reload} onChanged={onChanged} />
      ) : (
        <form action={create} className="space-y-3">
          <p className="text-slate-600">{t("intro")}</p>
          <input type="hidden" name="employeeId" value={employeeId} />
          {/* A select, not radios: the direct start form below has its own provider radios. */}
          {/* Label beside the select, not around it: a wrapping label would take the options' words into its name. */}
          <div className="flex flex-col">
            <label htmlFor={`invitation-method-${employeeId}`} className="font-medium">
              {t("methodLabel")}
            </label>
            <select
              id={`invitation-method-${employeeId}`}
              name="method"
              defaultValue="employee"
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1"
            >
              {METHODS.map((method) => (
                <option key={method} value={method}>
                  {method === "employee" ? t("employeeChooses") : t(`method.${method}`)}
                </option>
              ))}
            </select>
          </div>
          {created && !created.ok && <Alert tone="error">{created.error}</Alert>}
          <SubmitButton pending={creating} pendingLabel={t("working")}>
            {t("create")}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}

function InvitationView({
  invitation,
  employeeId,
  onChange,
  reload,
  onChanged,
}: {
  invitation: InvitationSummary;
  employeeId: string;
  onChange: (next: InvitationSummary | null) => void;
  reload: () => Promise<InvitationSummary | null>;
  onChanged: () => void;
}) {
  const t = useTranslations("invitations");
  const [copied, setCopied] = useState(false);
  const [sent, send, sending] = useActionState(async (_: unknown, data: FormData): Promise<ActionResult<InvitationSummary>> => {
    const result = await sendInvitationAction(null, data);
    onChange(result.ok ? result.data : await reload());
    onChanged();
    return result;
  }, null);
  const [, revoke, revoking] = useActionState(async (_: unknown, data: FormData) => {
    const result = await revokeInvitationAction(null, data);
    // What is open now, set here: the dialog's own copy may be null as it was before this panel created one, and
    // an unchanged prop would leave the revoked invitation on screen.
    onChange(await reload());
    onChanged();
    return result;
  }, null);
  const failed = invitation.sendFailedAt && (!invitation.sentAt || invitation.sendFailedAt > invitation.sentAt);
  const ids = (
    <>
      <input type="hidden" name="employeeId" value={employeeId} />
      <input type="hidden" name="invitationId" value={invitation.id} />
    </>
  );
  return (
    <div className="space-y-3">
      <Alert tone={PROGRESS_TONE[invitation.progress]} role="none" data-testid="invitation-progress">
        {t("status", { progress: t(`progress.${invitation.progress}`) })} · <LocalTime value={invitation.progressAt} />
        {invitation.reason && ` (${t(`reason.${invitation.reason as "not_sent"}`)})`}
      </Alert>
      {invitation.url ? (
        <>
          <input
            readOnly
            value={invitation.url}
            aria-label={t("linkLabel")}
            className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <div className="flex flex-wrap items-start gap-3">
            {invitation.qrSvg && (
              // eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URL, no image optimisation to do
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(invitation.qrSvg)}`}
                alt={t("qrLabel")}
                width={128}
                height={128}
                className="rounded border border-slate-200 bg-white"
                data-testid="invitation-qr"
              />
            )}
            <div className="space-y-2">
              <Button
                onClick={async () => {
                  await navigator.clipboard.writeText(invitation.url!).catch(() => undefined);
                  setCopied(true);
                }}
              >
                {copied ? t("copied") : t("copy")}
              </Button>
              <p className="text-slate-600">{t.rich("expires", { when: () => <LocalTime value={invitation.expiresAt} /> })}</p>
              <p className="text-slate-600">
                {t("methodShown", { method: invitation.method ? t(`method.${invitation.method}`) : t("employeeChooses") })}
              </p>
              <p className="text-slate-600">
                {t("attempts", { used: invitation.attempts, max: invitation.maxAttempts })} · {t("reminders", { count: invitation.reminders })}
              </p>
            </div>
          </div>
        </>
      ) : (
        <Alert tone="warning">{t("noLink")}</Alert>
      )}
      {invitation.sentAt && !failed && (
        <p className="text-slate-700" data-testid="invitation-sent">
          {t.rich("sentTo", { email: invitation.sentTo ?? "", when: () => <LocalTime value={invitation.sentAt!} /> })}
        </p>
      )}
      {failed && (
        <Alert tone="error" data-testid="invitation-not-sent">
          {t("notSent", { reason: t(`failure.${(invitation.sendError ?? "failed") as "failed"}`) })}
        </Alert>
      )}
      {sent && !sent.ok && !failed && <Alert tone="error">{sent.error}</Alert>}
      {invitation.mailConfigured ? (
        <form action={send}>
          {ids}
          <SubmitButton variant="secondary" pending={sending} pendingLabel={t("working")}>
            {invitation.sentAt || failed ? t("resend") : t("send")}
          </SubmitButton>
        </form>
      ) : (
        <p className="text-slate-600">{t("mailNotConfigured")}</p>
      )}
      <form action={revoke} className="border-t border-slate-200 pt-3">
        {ids}
        <SubmitButton variant="secondary" pending={revoking} pendingLabel={t("working")}>
          {t("revoke")}
        </SubmitButton>
      </form>
      <p className="border-t border-slate-200 pt-3 text-slate-600">{t("directLink")}</p>
    </div>
  );
}
