import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { listReturnUrlRegistrations } from "@/lib/db/return-urls";
import { returnUrlBase } from "@/lib/verification/service";
import { APPROVAL_LABELS, approvalOf, type Approval } from "@/lib/settings/registration-status";
import { LocalTime } from "@/components/local-time";
import { CheckCredentialsButton, RegisterReturnUrlButton } from "@/components/settings-buttons";

export const metadata: Metadata = { title: "Settings" };

const APPROVAL_STYLES: Record<Approval, string> = {
  approved: "bg-green-50 text-green-800 ring-green-300",
  pending: "bg-amber-50 text-amber-800 ring-amber-300",
  other: "bg-red-50 text-red-800 ring-red-300",
};

function ApprovalBadge({ status }: { status: string }) {
  const approval = approvalOf(status);
  return (
    <span data-approval={approval} className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${APPROVAL_STYLES[approval]}`}>
      {APPROVAL_LABELS[approval]}
      {approval === "other" ? ` (“${status}”)` : ""}
    </span>
  );
}

export default async function SettingsPage() {
  await requireStaff(["admin"]);
  const url = returnUrlBase();
  const registrations = await listReturnUrlRegistrations();
  const current = registrations.find((registration) => registration.requestedUrl === url) ?? null;
  const others = registrations.filter((registration) => registration.requestedUrl !== url);

  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>

      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="return-url-heading">
        <h2 id="return-url-heading" className="text-lg font-semibold">
          Return URL
        </h2>
        <p className="mt-2 max-w-3xl text-sm text-slate-600">
          After a verification, EasyFreelance sends the employee back to <code>{url}/&lt;reference&gt;</code>. EasyFreelance only
          does so for a return URL the portal registered <em>and</em> an EasyFreelance admin approved; until then every Verify
          fails with “return URL not approved”. Registering is not approval: after registering, wait for EasyFreelance and press
          Refresh to read the status again.
        </p>
        <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2" data-testid="registration">
          <div className="sm:col-span-2">
            <dt className="text-slate-500">The portal&apos;s return URL</dt>
            <dd>
              <code>{url}</code>
            </dd>
          </div>
          {current ? (
            <>
              <div>
                <dt className="text-slate-500">Approval</dt>
                <dd>
                  <ApprovalBadge status={current.status} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">EasyFreelance registration id</dt>
                <dd>
                  <code className="text-xs">{current.upstreamId}</code>
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Requested</dt>
                <dd>
                  {current.requestedAt ? <LocalTime value={current.requestedAt} /> : "—"}
                  {current.requestedBy ? ` by ${current.requestedBy.name}` : ""}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Status last read</dt>
                <dd>
                  <LocalTime value={current.checkedAt} />
                </dd>
              </div>
            </>
          ) : (
            <div className="sm:col-span-2">
              <dt className="text-slate-500">Approval</dt>
              <dd>Not registered from this portal yet.</dd>
            </div>
          )}
        </dl>
        <div className="mt-4">
          <RegisterReturnUrlButton registered={current !== null} />
        </div>
        {others.length > 0 && (
          <div className="mt-6">
            <h3 className="text-sm font-medium">Other registrations made from this portal</h3>
            <ul className="mt-2 space-y-1 text-sm">
              {others.map((registration) => (
                <li key={registration.id} className="flex flex-wrap items-center gap-2">
                  <code className="text-xs">{registration.requestedUrl}</code> <ApprovalBadge status={registration.status} />
                  <span className="text-slate-500">
                    read <LocalTime value={registration.checkedAt} />
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="credentials-heading">
        <h2 id="credentials-heading" className="text-lg font-semibold">
          EasyFreelance credentials
        </h2>
        <p className="mt-2 max-w-3xl text-sm text-slate-600">
          The portal calls EasyFreelance with the partner&apos;s token and API key from its configuration
          (<code>EASYFREELANCE_TOKEN</code>, <code>EASYFREELANCE_API_KEY</code>); they are never shown here. The check makes one
          harmless read to see whether EasyFreelance accepts them.
        </p>
        <div className="mt-4">
          <CheckCredentialsButton />
        </div>
      </section>
    </>
  );
}
