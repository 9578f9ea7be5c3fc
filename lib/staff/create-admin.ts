// `npm run admin:create` (scripts/admin-create.ts): the first admin of a fresh database, or any later one,
// from a terminal. The same rules as the Staff page's "Add staff member" (newStaffSchema: email, name and
// the password policy), an active `admin`, audited as `staff.created` with no actor and the label
// "admin:create". Takes its own PrismaClient: a CLI runs outside Next.js, so it must not import the
// server-only data layer (lib/db/*).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { newStaffSchema } from "@/lib/auth/password-policy";

export const ADMIN_CREATE_LABEL = "admin:create";

export type CreateAdminResult = { ok: true; id: string; email: string } | { ok: false; error: string };

export async function createAdmin(db: PrismaClient, input: { email: string; name: string; password: string }): Promise<CreateAdminResult> {
  const parsed = newStaffSchema.safeParse({ ...input, role: "admin" });
  if (!parsed.success) {
    // One line per problem, naming the field (the password policy's sentence for the password); never a value.
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`);
    return { ok: false, error: lines.join("\n") };
  }
  const { email, name, password } = parsed.data;
  const taken = await emailTaken(db, email);
  if (taken) return { ok: false, error: taken };

  const passwordHash = await hashPassword(password);
  try {
    const id = await db.$transaction(async (tx) => {
      const created = await tx.staffUser.create({ data: { email, name, role: "admin", active: true, passwordHash }, select: { id: true } });
      // As recordAudit (lib/db/audit.ts) writes it, with the CLI as the actor's label: nobody was signed in.
      await tx.auditEvent.create({
        data: { action: "staff.created", actorId: null, actorLabel: ADMIN_CREATE_LABEL, targetId: created.id, data: { email, role: "admin" } },
      });
      return created.id;
    });
    return { ok: true, id, email };
  } catch (error) {
    // Created by someone else between the check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, error: existingEmail(email) };
    throw error;
  }
}

/** The refusal for an email that already has a staff account (any case), or null: lets the CLI refuse before asking for a password. */
export async function emailTaken(db: PrismaClient, email: string): Promise<string | null> {
  const normalized = email.trim().toLowerCase();
  const exists = await db.staffUser.findUnique({ where: { email: normalized }, select: { id: true } });
  return exists ? existingEmail(normalized) : null;
}

function existingEmail(email: string) {
  return `A staff member with the email ${email} already exists: nothing was changed. (An admin can change roles and reactivate accounts on the Staff page.)`;
}

/** What to do after creating the admin, with the portal's URL when APP_URL is known. */
export function nextSteps(appUrl: string | undefined): string {
  const login = appUrl ? new URL("/login", appUrl).toString() : "<APP_URL>/login";
  return [
    `Next: sign in at ${login} with this email and password, then open Settings:`,
    "  1. Check credentials — EasyFreelance accepts the portal's token and API key;",
    '  2. Register return URL — then wait for EasyFreelance to approve it (see README, "Deploying to Vercel").',
  ].join("\n");
}
