import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff, hasRole, CAN_VERIFY } from "@/lib/auth/session";
import { findEmployeeWithHistory, type EmployeeWithHistory } from "@/lib/db/employees";
import { employeeName } from "@/lib/employees/name";
import { latestOnboarding, type OnboardingSource } from "@/lib/verification/onboarding";
import { STATUS_LABELS } from "@/lib/verification/status";
import { StatusBadge } from "@/components/status-badge";
import { LocalTime } from "@/components/local-time";
import { VerifyButton, VerifyDialogProvider } from "@/components/verify-dialog";
import { VerificationSummary } from "./verification-summary";
import { RefreshOnboardingButton } from "@/components/refresh-onboarding-button";
import { AuditTrail } from "@/components/audit-trail";
import { EmployeeCorrections, EmployeeNotice } from "@/components/employee-corrections";

export const metadata: Metadata = { title: "Employee" };

type Session = EmployeeWithHistory["sessions"][number];
type Event = Session["events"][number];

const EVENT_LABELS: Record<Event["type"], string> = {
  started: "Started",
  start_failed: "Start failed",
  status_changed: "Status changed",
  redirect_received: "Returned from EasyFreelance",
  reused: "Link reused",
  superseded: "Replaced by a new link (start over)",
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function EventDetail({ event }: { event: Event }) {
  const data = isRecord(event.data) ? event.data : {};
  if (event.type === "redirect_received" && isRecord(data.query)) {
    const entries = Object.entries(data.query);
    if (entries.length === 0) return <span className="text-slate-500">no query parameters</span>;
    return (
      <code className="break-all text-xs" data-testid="redirect-query">
        {entries.map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(",") : String(value)}`).join("&")}
      </code>
    );
  }
  if (event.type === "start_failed") {
    // The reason itself is shown above the events; here, what kind of failure it was.
    const parts = [
      typeof data.kind === "string" ? data.kind.replace(/_/g, " ") : null,
      typeof data.httpStatus === "number" ? `HTTP ${data.httpStatus}` : null,
      typeof data.retryAfterSeconds === "number" ? `retry after ${data.retryAfterSeconds} s` : null,
    ].filter(Boolean);
    return <span className="text-slate-600">{parts.join("; ")}</span>;
  }
  if (event.type === "status_changed") {
    const parts = [
      typeof data.rawStatus === "string" ? `EasyFreelance status: ${data.rawStatus}` : null,
      typeof data.nextAction === "string" ? `next action: ${data.nextAction}` : null,
      data.source === "portal_expiry" ? "expired by the portal at expires_at" : null,
    ].filter(Boolean);
    return <span className="text-slate-600">{parts.join("; ")}</span>;
  }
  return null;
}

function Transition({ event }: { event: Event }) {
  if (!event.fromStatus && !event.toStatus) return <>—</>;
  if (event.fromStatus === event.toStatus) return <>{STATUS_LABELS[event.toStatus!]}</>;
  return (
    <>
      {event.fromStatus ? STATUS_LABELS[event.fromStatus] : "—"} → {event.toStatus ? STATUS_LABELS[event.toStatus] : "—"}
    </>
  );
}

function onboardingOf(employee: EmployeeWithHistory) {
  const candidates: OnboardingSource[] = [];
  if (employee.onboarding !== null && employee.onboardingCheckedAt) {
    candidates.push({ kind: "easyfreelance", at: employee.onboardingCheckedAt, value: employee.onboarding });
  }
  // Sessions are newest first: the latest one that carries a snapshot.
  const withSnapshot = employee.sessions.find((session) => session.onboarding !== null);
  if (withSnapshot) {
    candidates.push({ kind: "session", at: withSnapshot.lastCheckedAt ?? withSnapshot.statusChangedAt, value: withSnapshot.onboarding });
  }
  return latestOnboarding(candidates);
}

export default async function EmployeePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ added?: string; existing?: string }> }) {
  const staff = await requireStaff();
  const [{ id }, { added, existing }] = await Promise.all([params, searchParams]);
  const employee = await findEmployeeWithHistory(id);
  if (!employee) notFound();
  const name = employeeName(employee);
  const onboarding = onboardingOf(employee);

  return (
    <>
      <p className="text-sm">
        <Link href="/employees" className="text-slate-600 underline hover:text-slate-950">
          ← Employees
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{name}</h1>
          <VerificationSummary employee={employee} />
        </div>
        {hasRole(staff, CAN_VERIFY) && !employee.archivedAt && (
          <VerifyDialogProvider>
            <VerifyButton employeeId={employee.id} employeeName={name} />
          </VerifyDialogProvider>
        )}
      </div>

      {added && (
        <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {added === "created" ? "Employee added" : "Employee updated"}: linked to EasyFreelance user {employee.efUserId}.
        </p>
      )}
      <EmployeeNotice employeeId={employee.id} existing={existing === "1"} />

      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="details-heading">
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Email</dt>
            <dd>{employee.email}</dd>
          </div>
          <div>
            <dt className="text-slate-500">EasyFreelance ID</dt>
            <dd className="tabular-nums" data-testid="ef-user-id">{employee.efUserId}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Internal id</dt>
            <dd>{employee.internalId ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">In the portal since</dt>
            <dd>
              <LocalTime value={employee.createdAt} />
            </dd>
          </div>
        </dl>
      </section>
      <EmployeeCorrections employeeId={employee.id} />

      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="onboarding-heading" data-testid="onboarding">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 id="onboarding-heading" className="text-lg font-semibold">
              Onboarding
            </h2>
            {onboarding && (
              <p className="mt-1 text-xs text-slate-500">
                As EasyFreelance reported it {onboarding.source === "session" ? "during the latest verification" : "when last asked"},{" "}
                <LocalTime value={onboarding.at} />.
              </p>
            )}
          </div>
          <RefreshOnboardingButton employeeId={employee.id} />
        </div>
        {!onboarding ? (
          <p className="mt-4 text-sm text-slate-600">Not known yet: EasyFreelance reports it after a verification, or when you refresh.</p>
        ) : (
          <>
            <p className="mt-4 text-sm font-medium" data-testid="onboarding-summary">
              {onboarding.isOnboarded
                ? "Fully onboarded."
                : onboarding.missingSteps.length > 0
                  ? `Still missing: ${onboarding.steps.filter((s) => !s.done).map((s) => s.label).join(", ")}.`
                  : "Not onboarded yet."}
            </p>
            {onboarding.idVerified && !onboarding.isOnboarded && (
              <p className="mt-1 text-sm text-amber-800">Identity is verified, but the employee has not finished onboarding in EasyFreelance.</p>
            )}
            <ul className="mt-3 space-y-1 text-sm">
              {onboarding.steps.map((step) => (
                <li key={step.step} data-step={step.step} data-done={step.done} className="flex items-center gap-2">
                  <span aria-hidden className={step.done ? "text-green-700" : "text-red-700"}>
                    {step.done ? "✓" : "✗"}
                  </span>
                  {step.label}: <span className={step.done ? "text-green-800" : "font-medium text-red-800"}>{step.done ? "done" : "missing"}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="mt-6" aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold">
          Verification history
        </h2>
        {employee.sessions.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No verification has been started yet.</p>
        ) : (
          <ol className="mt-3 space-y-4">
            {employee.sessions.map((session) => (
              <li key={session.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="session">
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <StatusBadge status={session.status} />
                  <span className="font-medium">
                    {session.provider === "veriff" ? "Veriff" : "BankID"}
                    {session.idType ? ` (${session.idType === "local" ? "Norwegian ID" : "international ID"})` : ""}
                  </span>
                  <span className="text-slate-600">
                    started <LocalTime value={session.createdAt} />
                    {session.startedBy ? ` by ${session.startedBy.name}` : ""}
                  </span>
                  {session.efVerificationId && <code className="text-xs text-slate-500">{session.efVerificationId}</code>}
                </div>
                {session.failureReason && (
                  <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="failure-reason">
                    {session.failureReason}
                  </p>
                )}
                <table className="mt-3 min-w-full text-sm">
                  <thead className="text-left text-xs text-slate-500">
                    <tr>
                      <th scope="col" className="py-1 pr-4 font-medium">Time</th>
                      <th scope="col" className="py-1 pr-4 font-medium">Event</th>
                      <th scope="col" className="py-1 pr-4 font-medium">Status</th>
                      <th scope="col" className="py-1 font-medium">Details</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {session.events.map((event) => (
                      <tr key={event.id} data-event={event.type}>
                        <td className="whitespace-nowrap py-1 pr-4 text-slate-600">
                          <LocalTime value={event.createdAt} />
                        </td>
                        <td className="whitespace-nowrap py-1 pr-4">{EVENT_LABELS[event.type]}</td>
                        <td className="whitespace-nowrap py-1 pr-4">
                          <Transition event={event} />
                        </td>
                        <td className="py-1">
                          <EventDetail event={event} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </li>
            ))}
          </ol>
        )}
      </section>
      <AuditTrail employeeId={employee.id} />
    </>
  );
}
