import "server-only";
import { prisma } from "./client";

const registrationFields = {
  id: true,
  upstreamId: true,
  requestedUrl: true,
  status: true,
  requestedAt: true,
  checkedAt: true,
  createdAt: true,
  requestedBy: { select: { name: true, email: true } },
} as const;

/**
 * Records what EasyFreelance answered to POST /verification-return-urls. Keyed by EasyFreelance's id:
 * registering the same URL again refreshes the status of the row we have instead of adding one.
 */
export async function saveReturnUrlRegistration(data: {
  upstreamId: string;
  requestedUrl: string;
  status: string;
  requestedAt: Date | null;
  staffId: string;
}) {
  const now = new Date();
  return prisma().returnUrlRegistration.upsert({
    where: { upstreamId: data.upstreamId },
    create: {
      upstreamId: data.upstreamId,
      requestedUrl: data.requestedUrl,
      status: data.status,
      requestedAt: data.requestedAt,
      requestedById: data.staffId,
      checkedAt: now,
    },
    // Who asked first stays; the status and when it was last read change.
    update: { requestedUrl: data.requestedUrl, status: data.status, requestedAt: data.requestedAt ?? undefined, checkedAt: now },
    select: registrationFields,
  });
}

/** Every registration the portal has made, newest first. */
export async function listReturnUrlRegistrations() {
  return prisma().returnUrlRegistration.findMany({ orderBy: [{ createdAt: "desc" }], select: registrationFields });
}

/** The newest registration of exactly this URL, if the portal made one. */
export async function findReturnUrlRegistration(requestedUrl: string) {
  return prisma().returnUrlRegistration.findFirst({
    where: { requestedUrl },
    orderBy: [{ checkedAt: "desc" }],
    select: registrationFields,
  });
}

export type ReturnUrlRegistrationRecord = NonNullable<Awaited<ReturnType<typeof findReturnUrlRegistration>>>;

export type ReturnUrlEvidence = "flow_started" | "flow_rejected";

/**
 * What a flow start proved about a return URL's approval: started → approved, a 422 on
 * partner_return_url → not approved. Written only when it changes what is known, so the Verify path
 * pays one statement that usually updates nothing.
 */
export async function recordReturnUrlEvidence(url: string, evidence: ReturnUrlEvidence, sessionId: string | null): Promise<void> {
  const approved = evidence === "flow_started";
  await prisma().$executeRaw`
    INSERT INTO "return_url_approvals" ("url", "approved", "evidence", "session_id", "learnt_at")
    VALUES (${url}, ${approved}, ${evidence}, ${sessionId}, CURRENT_TIMESTAMP)
    ON CONFLICT ("url") DO UPDATE SET "approved" = EXCLUDED."approved", "evidence" = EXCLUDED."evidence",
      "session_id" = EXCLUDED."session_id", "learnt_at" = EXCLUDED."learnt_at"
    WHERE "return_url_approvals"."approved" IS DISTINCT FROM EXCLUDED."approved"`;
}

/** What the portal has learnt about this URL's approval, and when; null before any flow was started with it. */
export async function findReturnUrlApproval(url: string) {
  return prisma().returnUrlApproval.findUnique({ where: { url } });
}
