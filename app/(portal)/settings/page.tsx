import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { listReturnUrlRegistrations } from "@/lib/db/return-urls";
import { getReturnUrlApproval } from "@/lib/settings/service";
import { APPROVAL_LABELS, atRegistrationLabel, type Approval } from "@/lib/settings/registration-status";
import { LocalTime } from "@/components/local-time";
import { CheckCredentialsButton, ReturnUrlRegistration } from "@/components/settings-buttons";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Settings" };

const APPROVAL_TONES: Record<Approval, BadgeTone> = { approved: "success", not_approved: "danger", unknown: "neutral" };

export default async function SettingsPage() {
  await requireStaff(ADMIN_ONLY);
  const [state, registrations] = await Promise.all([getReturnUrlApproval(), listReturnUrlRegistrations()]);
  const { url, registration: current } = state;
  const others = registrations.filter((registration) => registration.requestedUrl !== url);

  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>

      <Card title="Return URL" headingId="return-url-heading">
        <p className="mt-2 max-w-3xl text-sm text-slate-600">
          After a verification, EasyFreelance sends the employee back to <code className="break-all">{url}/&lt;reference&gt;</code>. It only does so
          for a return URL the portal registered <em>and</em> an EasyFreelance admin approved; until then every Verify fails with “return URL not
          approved”. EasyFreelance offers no way to read a registration&apos;s status, so the portal learns the approval from Verify: a verification
          that starts proves it approved, a refused one proves it is not.
        </p>
        <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2" data-testid="registration">
          <div className="sm:col-span-2">
            <dt className="text-slate-500">The portal&apos;s return URL</dt>
            <dd>
              <code className="break-all">{url}</code>
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-slate-500">Approval</dt>
            <dd data-testid="approval">
              <Badge tone={APPROVAL_TONES[state.approval]} data-approval={state.approval}>
                {APPROVAL_LABELS[state.approval]}
              </Badge>{" "}
              {state.evidence ? (
                <>
                  — learnt <LocalTime value={state.evidence.learntAt} /> {state.detail}
                </>
              ) : (
                <>
                  — {state.atRegistration ? `${state.atRegistration}; ` : ""}
                  {state.detail}
                </>
              )}
            </dd>
          </div>
          {current ? (
            <>
              <div>
                <dt className="text-slate-500">Registered</dt>
                <dd>
                  {current.requestedAt ? <LocalTime value={current.requestedAt} /> : "—"}
                  {current.requestedBy ? ` by ${current.requestedBy.name}` : ""}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">EasyFreelance&apos;s answer</dt>
                <dd>
                  {state.atRegistration} (<LocalTime value={current.checkedAt} />)
                </dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="text-slate-500">EasyFreelance registration id</dt>
                <dd>
                  <code className="break-all text-xs">{current.upstreamId}</code>
                </dd>
              </div>
            </>
          ) : (
            <div className="sm:col-span-2">
              <dt className="text-slate-500">Registration</dt>
              <dd>Not registered from this portal yet.</dd>
            </div>
          )}
        </dl>
        <div className="mt-4">
          <ReturnUrlRegistration registered={current !== null} />
        </div>
        {others.length > 0 && (
          <div className="mt-6">
            <h3 className="text-sm font-medium">Other registrations made from this portal</h3>
            <ul className="mt-2 space-y-1 text-sm">
              {others.map((registration) => (
                <li key={registration.id} className="flex flex-wrap items-center gap-x-2">
                  <code className="break-all text-xs">{registration.requestedUrl}</code>
                  <span className="text-slate-500">
                    {atRegistrationLabel(registration.status)}, <LocalTime value={registration.checkedAt} />
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      <Card title="EasyFreelance credentials" headingId="credentials-heading">
        <p className="mt-2 max-w-3xl text-sm text-slate-600">
          The portal calls EasyFreelance with the partner&apos;s token and API key from its configuration (<code>EASYFREELANCE_TOKEN</code>,{" "}
          <code>EASYFREELANCE_API_KEY</code>); they are never shown here. The check makes one harmless read to see whether EasyFreelance accepts them.
        </p>
        <div className="mt-4">
          <CheckCredentialsButton />
        </div>
      </Card>
    </>
  );
}
