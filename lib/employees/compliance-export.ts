// The compliance export (admins): every employee's readiness and latest verification as CSV, in the request's
// language, UTF-8 with a BOM (so Excel reads æøå), formula-safe cells (lib/security/csv.ts), streamed one
// keyset batch per pull so 100,000 employees never sit in memory (the stream asks for the next batch only when
// the client has taken the previous one: backpressure, unlike enqueueing every batch up front).
import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { complianceRows, type ComplianceRow } from "@/lib/db/readiness";
import { csvRow } from "@/lib/security/csv";
import { TIME_ZONE } from "@/lib/i18n/locales";
import { readinessOf } from "@/lib/verification/readiness";

/** The columns, in order; headers are `readiness.csv.<column>` in the request's language. */
export const COMPLIANCE_COLUMNS = [
  "firstName",
  "lastName",
  "email",
  "internalId",
  "easyFreelanceId",
  "archived",
  "ready",
  "identityVerified",
  "verifiedAt",
  "verifiedProvider",
  "verifiedIdType",
  "terms",
  "profile",
  "bankAccount",
  "onboarded",
  "otherMissingSteps",
  "onboardingAsOf",
  "latestStartedBy",
  "latestStartedAt",
  "latestProvider",
  "latestIdType",
  "latestResult",
  "latestCompletedAt",
] as const;

// ISO 8601 with Oslo's offset (e.g. 2026-11-27T14:05:00+01:00): a spreadsheet can parse it, a reader sees
// Norwegian local time, and it stays unambiguous across daylight saving.
const osloParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "longOffset",
});
export function osloIso(date: Date | null): string {
  if (!date) return "";
  const p = Object.fromEntries(osloParts.formatToParts(date).map((part) => [part.type, part.value]));
  const offset = p.timeZoneName === "GMT" ? "+00:00" : p.timeZoneName.replace("GMT", "");
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/** The words of one export, in the request's language. */
async function words() {
  const [t, status, provider, idType, step] = await Promise.all([
    getTranslations("readiness"),
    getTranslations("status"),
    getTranslations("provider"),
    getTranslations("idType"),
    getTranslations("onboardingStep"),
  ]);
  return { t, status, provider, idType, step, locale: await getLocale() };
}
type Words = Awaited<ReturnType<typeof words>>;

function row(w: Words, e: ComplianceRow): string {
  const r = readinessOf(e);
  const yesNo = (value: boolean) => (value ? w.t("csv.yes") : w.t("csv.no"));
  const check = (item: keyof typeof r.checks) => w.t(`check.${r.checks[item]}`);
  const identity = r.identity.verified ? r.identity : null;
  return csvRow([
    e.firstName,
    e.lastName,
    e.email,
    e.internalId,
    e.efUserId,
    yesNo(e.archivedAt !== null),
    yesNo(r.ready),
    yesNo(identity !== null),
    osloIso(identity?.at ?? null),
    identity?.provider ? w.provider(identity.provider) : "",
    identity?.idType ? w.idType(identity.idType) : "",
    check("terms"),
    check("profile"),
    check("bank_account"),
    check("onboarded"),
    r.otherMissing.join(", "),
    osloIso(r.onboardingAt),
    e.latest?.startedBy ?? "",
    osloIso(e.latest?.startedAt ?? null),
    e.latest ? w.provider(e.latest.provider) : "",
    e.latest?.idType ? w.idType(e.latest.idType) : "",
    e.latest ? w.status(e.latest.status) : w.status("none"),
    osloIso(e.latest?.completedAt ?? null),
  ]);
}

/** The CSV as a byte stream: BOM and header first, then one batch of rows per pull. */
export async function complianceCsv(batchSize?: number): Promise<ReadableStream<Uint8Array>> {
  const w = await words();
  const encoder = new TextEncoder();
  const batches = complianceRows(batchSize);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode("\uFEFF" + csvRow(COMPLIANCE_COLUMNS.map((column) => w.t(`csv.${column}`)))));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map((e) => row(w, e)).join("")));
    },
    async cancel() {
      // The client went away: stop reading batches (closes the generator).
      await batches.return(undefined);
    },
  });
}
