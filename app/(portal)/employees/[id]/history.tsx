import Link from "next/link";
import { useTranslations } from "next-intl";
import type { EmployeeWithHistory } from "@/lib/db/employees";
import type { SessionEventRecord } from "@/lib/db/sessions";
import { EVENTS_SHOWN_PER_SESSION, redirectQueryOf, type SessionEventType } from "@/lib/verification/events";
import { StatusBadge } from "@/components/status-badge";
import { LocalTime } from "@/components/local-time";
import { Alert } from "@/components/ui/alert";
import { TableBody, TableHead, Td, Th } from "@/components/ui/table";

type Session = EmployeeWithHistory["sessions"][number];

// Every session event type's label key, quoted here so the catalogue test finds the keys chosen at run time.
const EVENT_LABEL_KEYS = {
  started: "eventType.started",
  start_failed: "eventType.start_failed",
  status_changed: "eventType.status_changed",
  redirect_received: "eventType.redirect_received",
  reused: "eventType.reused",
  superseded: "eventType.superseded",
} as const satisfies Record<SessionEventType, string>;

/** Every verification attempt, newest first, with its first events (all of them one click away, paged). */
export function VerificationHistory({ sessions }: { sessions: Session[] }) {
  const t = useTranslations("history");
  return (
    <section className="mt-6" aria-labelledby="history-heading">
      <h2 id="history-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      {sessions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ol className="mt-3 space-y-4">
          {sessions.map((session) => (
            <SessionItem key={session.id} session={session} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** What one attempt is: method, start, who started it, EasyFreelance's id. */
export function SessionHeading({
  session,
}: {
  session: Pick<Session, "status" | "provider" | "idType" | "createdAt" | "efVerificationId" | "startedBy">;
}) {
  const t = useTranslations("history");
  const tProvider = useTranslations("provider");
  const tIdType = useTranslations("idType");
  const method = session.idType ? `${tProvider(session.provider)} (${tIdType(session.idType)})` : tProvider(session.provider);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <StatusBadge status={session.status} />
      <span className="font-medium">{method}</span>
      <span className="text-slate-600">
        {session.startedBy
          ? t.rich("startedBy", { time: () => <LocalTime value={session.createdAt} />, name: session.startedBy.name })
          : t.rich("started", { time: () => <LocalTime value={session.createdAt} /> })}
      </span>
      {session.efVerificationId && <code className="break-all text-xs text-slate-500">{session.efVerificationId}</code>}
    </div>
  );
}

function SessionItem({ session }: { session: Session }) {
  const t = useTranslations("history");
  const total = session._count.events;
  const unrecorded = Math.max(0, session.returnsReceived - session.events.filter((event) => event.type === "redirect_received").length);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="session">
      <SessionHeading session={session} />
      {session.failureReason && (
        <Alert tone="error" role="none" className="mt-2" data-testid="failure-reason">
          {session.failureReason}
        </Alert>
      )}
      <EventsTable events={session.events} />
      {total > session.events.length && (
        <p className="mt-2 text-sm">
          <Link href={`/employees/${session.employeeId}/sessions/${session.id}`} className="underline" data-testid="all-events">
            {t("allEvents", { shown: session.events.length, total })}
          </Link>
        </p>
      )}
      {total <= session.events.length && unrecorded > 0 && <UnrecordedReturns count={unrecorded} />}
    </li>
  );
}

/** Returns past the kept ones were counted, not recorded (anyone with the link can replay it). */
export function UnrecordedReturns({ count }: { count: number }) {
  const t = useTranslations("history");
  return (
    <p className="mt-2 text-sm text-slate-600" data-testid="unrecorded-returns">
      {t("unrecordedReturns", { count })}
    </p>
  );
}

export { EVENTS_SHOWN_PER_SESSION };

export function EventsTable({ events }: { events: SessionEventRecord[] }) {
  const t = useTranslations("history");
  return (
    <div className="overflow-x-auto">
      <table className="mt-3 min-w-full text-sm">
        <TableHead compact>
          <Th pad="compact">{t("time")}</Th>
          <Th pad="compact">{t("event")}</Th>
          <Th pad="compact">{t("status")}</Th>
          <Th pad="compact">{t("details")}</Th>
        </TableHead>
        <TableBody>
          {events.map((event) => (
            <tr key={event.id} data-event={event.type}>
              <Td pad="compact" className="whitespace-nowrap text-slate-600">
                <LocalTime value={event.createdAt} />
              </Td>
              <Td pad="compact" className="whitespace-nowrap">
                {t(EVENT_LABEL_KEYS[event.type])}
              </Td>
              <Td pad="compact" className="whitespace-nowrap">
                <Transition event={event} />
              </Td>
              <Td pad="compact">
                <EventDetail event={event} />
              </Td>
            </tr>
          ))}
        </TableBody>
      </table>
    </div>
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function EventDetail({ event }: { event: SessionEventRecord }) {
  const t = useTranslations("history");
  const query = redirectQueryOf(event);
  const data = isRecord(event.data) ? event.data : {};
  if (query !== null) {
    // Whatever arrived with the return: the browser sent it (EasyFreelance's redirect, or anyone with the
    // link), so it is labelled as such and never read as a result.
    return (
      <span className="text-slate-600">
        {query === "" ? (
          t("noQuery")
        ) : (
          <>
            {t("querySentByBrowser")}{" "}
            <code className="break-all text-xs text-slate-950" data-testid="redirect-query">
              {query}
            </code>
            {data.truncated === true && <> {t("queryTruncated")}</>}
          </>
        )}
      </span>
    );
  }
  const parts: string[] = [];
  if (event.type === "start_failed") {
    if (typeof data.kind === "string") parts.push(data.kind.replace(/_/g, " "));
    if (typeof data.httpStatus === "number") parts.push(`HTTP ${data.httpStatus}`);
    if (typeof data.retryAfterSeconds === "number") parts.push(t("retryAfter", { seconds: data.retryAfterSeconds }));
  }
  if (event.type === "status_changed") {
    if (typeof data.rawStatus === "string") parts.push(t("upstreamStatus", { status: data.rawStatus }));
    if (typeof data.nextAction === "string") parts.push(t("nextAction", { action: data.nextAction }));
    if (data.source === "portal_expiry") parts.push(t("expiredByPortal"));
    if (data.source === "status_endpoint_after_start_over") parts.push(t("afterStartOver"));
  }
  return parts.length > 0 ? <span className="text-slate-600">{parts.join("; ")}</span> : null;
}

function Transition({ event }: { event: SessionEventRecord }) {
  const tStatus = useTranslations("status");
  const label = (status: SessionEventRecord["toStatus"]) => (status ? tStatus(status) : "—");
  if (!event.fromStatus && !event.toStatus) return <>—</>;
  if (event.fromStatus === event.toStatus) return <>{label(event.toStatus)}</>;
  return (
    <>
      {label(event.fromStatus)} → {label(event.toStatus)}
    </>
  );
}
