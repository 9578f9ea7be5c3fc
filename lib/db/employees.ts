import "server-only";
import { prisma } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";

const latestSession = {
  orderBy: { createdAt: "desc" },
  take: 1,
  select: {
    id: true,
    reference: true,
    status: true,
    provider: true,
    idType: true,
    statusChangedAt: true,
    verificationUrl: true,
    expiresAt: true,
  },
} as const;

export async function listEmployeesWithLatestSession() {
  const employees = await prisma().employee.findMany({
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
    select: {
      id: true,
      efUserId: true,
      email: true,
      firstName: true,
      lastName: true,
      sessions: latestSession,
    },
  });
  return employees.map(({ sessions, ...employee }) => ({ ...employee, latestSession: sessions[0] ?? null }));
}

export type EmployeeRow = Awaited<ReturnType<typeof listEmployeesWithLatestSession>>[number];

export async function findEmployee(id: string) {
  return prisma().employee.findUnique({ where: { id }, select: { id: true, efUserId: true, email: true, firstName: true, lastName: true } });
}

export type EmployeeUpsert = {
  efUserId: number;
  email: string;
  firstName: string;
  lastName: string;
  internalId: string | null;
  onboarding: Prisma.InputJsonValue | null;
};

/**
 * Stores the employee EasyFreelance created or linked, keyed by EasyFreelance's user id: adding the
 * same person again updates the row instead of making a second one. Returns whether it was new.
 */
export async function upsertEmployeeByEfUserId(data: EmployeeUpsert): Promise<{ id: string; created: boolean }> {
  const now = new Date();
  const fields = {
    email: data.email,
    firstName: data.firstName,
    lastName: data.lastName,
    internalId: data.internalId,
    onboarding: data.onboarding ?? Prisma.DbNull,
    onboardingCheckedAt: data.onboarding ? now : null,
  };
  return prisma().$transaction(async (tx) => {
    const existing = await tx.employee.findUnique({ where: { efUserId: data.efUserId }, select: { id: true } });
    const employee = await tx.employee.upsert({
      where: { efUserId: data.efUserId },
      create: { efUserId: data.efUserId, ...fields },
      update: fields,
      select: { id: true },
    });
    return { id: employee.id, created: !existing };
  });
}

/** The onboarding state read from GET /users/{id}. */
export async function saveEmployeeOnboarding(id: string, onboarding: Prisma.InputJsonValue | null, checkedAt = new Date()) {
  await prisma().employee.update({
    where: { id },
    data: { onboarding: onboarding ?? Prisma.DbNull, onboardingCheckedAt: checkedAt },
  });
}

/** Everything the employee page shows: details, and every session (newest first) with its events. */
export async function findEmployeeWithHistory(id: string) {
  return prisma().employee.findUnique({
    where: { id },
    select: {
      id: true,
      efUserId: true,
      email: true,
      firstName: true,
      lastName: true,
      internalId: true,
      onboarding: true,
      onboardingCheckedAt: true,
      createdAt: true,
      sessions: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          efVerificationId: true,
          provider: true,
          idType: true,
          status: true,
          rawStatus: true,
          nextAction: true,
          expiresAt: true,
          completedAt: true,
          onboarding: true,
          failureReason: true,
          lastCheckedAt: true,
          statusChangedAt: true,
          createdAt: true,
          startedBy: { select: { name: true } },
          events: {
            orderBy: { createdAt: "asc" },
            select: { id: true, type: true, fromStatus: true, toStatus: true, data: true, createdAt: true },
          },
        },
      },
    },
  });
}

export type EmployeeWithHistory = NonNullable<Awaited<ReturnType<typeof findEmployeeWithHistory>>>;
