import { getTranslations } from "next-intl/server";
import { latestInvitationForHr } from "@/lib/verification/invitations";
import { LocalTime } from "./local-time";

const TONE = {
  invited: "text-slate-700",
  opened: "text-slate-700",
  in_progress: "text-blue-800",
  verified: "text-green-800",
  needs_attention: "text-amber-800",
} as const;

/** The employee's newest invitation as HR follows it: invited, opened, in progress, verified or needs attention, with when. */
export async function InvitationStatus({ employeeId }: { employeeId: string }) {
  const invitation = await latestInvitationForHr(employeeId);
  if (!invitation) return null;
  const t = await getTranslations("invitations");
  return (
    <p className={`mt-1 text-sm ${TONE[invitation.progress]}`} data-testid="invitation-status">
      {t("status", { progress: t(`progress.${invitation.progress}`) })} · <LocalTime value={invitation.progressAt} />
      {invitation.reason && ` (${t(`reason.${invitation.reason as "not_sent"}`)})`}
    </p>
  );
}
