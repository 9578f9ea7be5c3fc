import type { EmployeeWithHistory } from "@/lib/db/employees";
import { STATUS } from "@/lib/verification/status";
import { eventDetailOf, redirectQueryOf, SESSION_EVENT_LABELS } from "@/lib/verification/events";
import { methodLabel } from "@/lib/verification/verified";
import { StatusBadge } from "@/components/status-badge";
import { LocalTime } from "@/components/local-time";
import { Alert } from "@/components/ui/alert";
import { TableBody, TableHead, Td, Th } from "@/components/ui/table";

type Session = EmployeeWithHistory["sessions"][number];
type Event = Session["events"][number];

/** Every verification attempt, newest first, with its events. */
export function VerificationHistory({ sessions }: { sessions: Session[] }) {
  return (
    <section className="mt-6" aria-labelledby="history-heading">
      <h2 id="history-heading" className="text-lg font-semibold">
        Verification history
      </h2>
      {sessions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No verification has been started yet.</p>
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

function SessionItem({ session }: { session: Session }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="session">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <StatusBadge status={session.status} />
        <span className="font-medium">{methodLabel(session.provider, session.idType)}</span>
        <span className="text-slate-600">
          started <LocalTime value={session.createdAt} />
          {session.startedBy ? ` by ${session.startedBy.name}` : ""}
        </span>
        {session.efVerificationId && <code className="break-all text-xs text-slate-500">{session.efVerificationId}</code>}
      </div>
      {session.failureReason && (
        <Alert tone="error" role="none" className="mt-2" data-testid="failure-reason">
          {session.failureReason}
        </Alert>
      )}
      <div className="overflow-x-auto">
        <table className="mt-3 min-w-full text-sm">
          <TableHead compact>
            <Th pad="compact">Time</Th>
            <Th pad="compact">Event</Th>
            <Th pad="compact">Status</Th>
            <Th pad="compact">Details</Th>
          </TableHead>
          <TableBody>
            {session.events.map((event) => (
              <tr key={event.id} data-event={event.type}>
                <Td pad="compact" className="whitespace-nowrap text-slate-600">
                  <LocalTime value={event.createdAt} />
                </Td>
                <Td pad="compact" className="whitespace-nowrap">
                  {SESSION_EVENT_LABELS[event.type]}
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
    </li>
  );
}

function EventDetail({ event }: { event: Event }) {
  const query = redirectQueryOf(event);
  if (query === "") return <span className="text-slate-500">no query parameters</span>;
  if (query !== null) {
    return (
      <code className="break-all text-xs" data-testid="redirect-query">
        {query}
      </code>
    );
  }
  const detail = eventDetailOf(event);
  return detail ? <span className="text-slate-600">{detail}</span> : null;
}

function Transition({ event }: { event: Event }) {
  const label = (status: Event["toStatus"]) => (status ? STATUS[status].label : "—");
  if (!event.fromStatus && !event.toStatus) return <>—</>;
  if (event.fromStatus === event.toStatus) return <>{label(event.toStatus)}</>;
  return (
    <>
      {label(event.fromStatus)} → {label(event.toStatus)}
    </>
  );
}
