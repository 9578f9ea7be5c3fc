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
