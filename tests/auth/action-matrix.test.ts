// Every server action against anonymous, viewer, hr, admin and a deactivated account, through the real
// staffAction wrapper and a real staff row (only Auth.js's cookie decoding is replaced, see support/auth.ts).
// The list of actions is read from the files: a new action without a row here fails the test.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { createEmployee, createStaff } from "../support/db";
import { form, signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// The language actions set the `locale` cookie: a cookie jar per test file instead of a request's.
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  const store = {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
  };
  return { cookies: async () => store };
});

type Role = "admin" | "hr" | "viewer";
// "signedOut": an admin's cookie from before they signed out everywhere (session version moved on);
// "tempPassword": an admin who must still replace a temporary password (only the Account page's actions).
type Caller = Role | "anonymous" | "deactivated" | "signedOut" | "tempPassword";
const CALLERS: Caller[] = ["anonymous", "deactivated", "signedOut", "tempPassword", "viewer", "hr", "admin"];
const SESSION_ENDED = "Your session has ended. Sign in again.";
const ROLE_DENIED = "Your role does not allow this action.";

type Fixture = { employeeId: string; targetStaffId: string };
type Row = { file: string; name: string; roles: Role[]; account?: true; input: (fixture: Fixture) => Record<string, string> };

// Who may call what. Inputs are valid but harmless (an employee with no EasyFreelance counterpart, a
// target staff member that exists), so an allowed caller gets past the checks into the handler.
const MATRIX: Row[] = [
  {
    file: "app/(portal)/employees/actions.ts",
    name: "startVerificationAction",
    roles: ["admin", "hr"],
    input: (f) => ({ employeeId: `${f.employeeId}-gone`, provider: "bankid" }),
  },
  {
    file: "app/(portal)/employees/actions.ts",
    name: "verifyDialogStateAction",
    roles: ["admin", "hr"],
    input: (f) => ({ employeeId: `${f.employeeId}-gone` }),
  },
  {
    file: "app/(portal)/employees/actions.ts",
    name: "startOverVerificationAction",
    roles: ["admin", "hr"],
    input: (f) => ({ employeeId: `${f.employeeId}-gone`, provider: "bankid", replaceSessionId: "none" }),
  },
  {
    file: "app/(portal)/employees/actions.ts",
    name: "createInvitationAction",
    roles: ["admin", "hr"],
    input: (f) => ({ employeeId: `${f.employeeId}-gone`, method: "employee" }),
  },
  {
    file: "app/(portal)/employees/actions.ts",
    name: "sendInvitationAction",
    roles: ["admin", "hr"],
    input: (f) => ({ employeeId: f.employeeId, invitationId: "none" }),
  },
  {
    file: "app/(portal)/employees/actions.ts",
    name: "revokeInvitationAction",
    roles: ["admin", "hr"],
    input: (f) => ({ employeeId: f.employeeId, invitationId: "none" }),
  },
  {
    file: "app/(portal)/employees/actions.ts",
    name: "bulkInviteAction",
    roles: ["admin", "hr"],
    input: (f) => ({ scope: "selected", method: "employee", employeeIds: `${f.employeeId}-gone` }),
  },
  {
    file: "app/(portal)/staff/actions.ts",
    name: "createStaffAction",
    roles: ["admin"],
    input: () => ({ email: "x", name: "", role: "hr", password: "" }),
  },
  {
    file: "app/(portal)/staff/actions.ts",
    name: "changeStaffRoleAction",
    roles: ["admin"],
    input: (f) => ({ staffId: f.targetStaffId, role: "viewer" }),
  },
  {
    file: "app/(portal)/staff/actions.ts",
    name: "setStaffActiveAction",
    roles: ["admin"],
    input: (f) => ({ staffId: f.targetStaffId, active: "true" }),
  },
  // An invalid email stops an allowed caller at the input check, before EasyFreelance is called.
  { file: "app/(portal)/employees/new/actions.ts", name: "addEmployeeAction", roles: ["admin", "hr"], input: () => ({ email: "not-an-email" }) },
  {
    file: "app/(portal)/employees/[id]/actions.ts",
    name: "refreshOnboardingAction",
    roles: ["admin", "hr", "viewer"],
    input: (f) => ({ employeeId: `${f.employeeId}-gone` }),
  },
  // Employee corrections: an invalid email, or an employee that does not exist, stops an allowed caller harmlessly.
  {
    file: "app/(portal)/employees/[id]/actions.ts",
    name: "editEmployeeAction",
    roles: ["admin", "hr"],
    input: (f) => ({ employeeId: f.employeeId, email: "not-an-email" }),
  },
  {
    file: "app/(portal)/employees/[id]/actions.ts",
    name: "relinkEmployeeAction",
    roles: ["admin", "hr"],
    input: (f) => ({ employeeId: `${f.employeeId}-gone` }),
  },
  {
    file: "app/(portal)/employees/[id]/actions.ts",
    name: "setEmployeeArchivedAction",
    roles: ["admin", "hr"],
    input: (f) => ({ employeeId: `${f.employeeId}-gone`, archived: "true" }),
  },
  {
    file: "app/(portal)/employees/[id]/actions.ts",
    name: "eraseEmployeeAction",
    roles: ["admin"],
    input: (f) => ({ employeeId: `${f.employeeId}-gone`, confirmName: "Test" }),
  },
  // A staff member who does not exist: an allowed admin gets "staffGone".
  {
    file: "app/(portal)/staff/actions.ts",
    name: "resetStaffPasswordAction",
    roles: ["admin"],
    input: (f) => ({ staffId: `${f.targetStaffId}-gone` }),
  },
  // The Account page: every role, and a user with a temporary password too. Inputs stop at the checks
  // (a new password the rule refuses, malformed codes, empty passwords), except starting an enrolment,
  // which only stores a pending secret on the caller's own row.
  {
    file: "app/(portal)/account/actions.ts",
    name: "changePasswordAction",
    roles: ["admin", "hr", "viewer"],
    account: true,
    input: () => ({ currentPassword: "x", newPassword: "short", confirmPassword: "short" }),
  },
  { file: "app/(portal)/account/actions.ts", name: "startSecondFactorAction", roles: ["admin", "hr", "viewer"], account: true, input: () => ({}) },
  {
    file: "app/(portal)/account/actions.ts",
    name: "confirmSecondFactorAction",
    roles: ["admin", "hr", "viewer"],
    account: true,
    input: () => ({ code: "abc" }),
  },
  {
    file: "app/(portal)/account/actions.ts",
    name: "newRecoveryCodesAction",
    roles: ["admin", "hr", "viewer"],
    account: true,
    input: () => ({ currentPassword: "" }),
  },
  {
    file: "app/(portal)/account/actions.ts",
    name: "disableSecondFactorAction",
    roles: ["admin", "hr", "viewer"],
    account: true,
    input: () => ({ currentPassword: "" }),
  },
  // CSV import: no file, or a job that does not exist, stops an allowed caller before anything is stored or sent.
  { file: "app/(portal)/employees/import/actions.ts", name: "uploadImportAction", roles: ["admin", "hr"], input: () => ({}) },
  { file: "app/(portal)/employees/import/actions.ts", name: "startImportAction", roles: ["admin", "hr"], input: () => ({ jobId: "no-such-job" }) },
  { file: "app/(portal)/employees/import/actions.ts", name: "cancelImportAction", roles: ["admin", "hr"], input: () => ({ jobId: "no-such-job" }) },
  { file: "app/(portal)/employees/import/actions.ts", name: "advanceImportAction", roles: ["admin", "hr"], input: () => ({ jobId: "no-such-job" }) },
  // In tests EasyFreelance's URL points at a closed port: an allowed call ends in a network error, harmlessly.
  { file: "app/(portal)/settings/actions.ts", name: "registerReturnUrlAction", roles: ["admin"], input: () => ({}) },
  { file: "app/(portal)/settings/actions.ts", name: "checkCredentialsAction", roles: ["admin"], input: () => ({}) },
  // The language choice works on the Account page too, where a user with a temporary password is kept.
  { file: "app/(portal)/actions.ts", name: "setLanguageAction", roles: ["admin", "hr", "viewer"], account: true, input: () => ({ locale: "en" }) },
  { file: "app/(portal)/actions.ts", name: "syncLanguageCookieAction", roles: ["admin", "hr", "viewer"], account: true, input: () => ({}) },
];
// Not staff actions: signing in is for anonymous visitors (limited, see rate-limit tests; the SSO button only
// hands them to a configured provider, see tests/auth/sso-sign-in.test.ts); signing out only ends the
// caller's own session.
const PUBLIC_ACTIONS = new Set([
  "app/login/actions.ts#signInAction",
  "app/login/sso/actions.ts#ssoSignInAction",
  "app/(portal)/actions.ts#signOutAction",
]);

function actionFiles(dir = "app"): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return actionFiles(path);
    return /^actions\.tsx?$/.test(entry) && readFileSync(path, "utf8").includes('"use server"') ? [path] : [];
  });
}

const callerIds = {} as Record<Caller, string | null>;
let fixture: Fixture;

beforeAll(async () => {
  callerIds.anonymous = null;
  for (const role of ["viewer", "hr", "admin"] as const) callerIds[role] = (await createStaff(role)).id;
  const deactivated = await createStaff("admin");
  await prisma().staffUser.update({ where: { id: deactivated.id }, data: { active: false } });
  callerIds.deactivated = deactivated.id;
  // The cookie carries version 0 (support/auth.ts); the row has moved on.
  const signedOut = await createStaff("admin");
  await prisma().staffUser.update({ where: { id: signedOut.id }, data: { sessionVersion: 1 } });
  callerIds.signedOut = signedOut.id;
  const tempPassword = await createStaff("admin");
  await prisma().staffUser.update({ where: { id: tempPassword.id }, data: { mustChangePassword: true } });
  callerIds.tempPassword = tempPassword.id;
  fixture = { employeeId: (await createEmployee()).id, targetStaffId: (await createStaff("viewer")).id };
});

describe("server action matrix", () => {
  it("covers every exported server action", async () => {
    // Read from the source: in a "use server" file every exported function is a callable endpoint.
    const found: string[] = [];
    for (const file of actionFiles()) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/^export\s+(?:async\s+function|function|const|let)\s+(\w+)/gm)) {
        found.push(`${relative(".", file)}#${match[1]}`);
      }
    }
    const covered = [...MATRIX.map((row) => `${row.file}#${row.name}`), ...PUBLIC_ACTIONS];
    expect(found.sort()).toEqual(covered.sort());
  });

  for (const row of MATRIX) {
    for (const caller of CALLERS) {
      const allowed =
        caller === "tempPassword"
          ? !!row.account
          : caller !== "anonymous" && caller !== "deactivated" && caller !== "signedOut" && row.roles.includes(caller);
      it(`${row.name} as ${caller}: ${allowed ? "allowed" : "refused"}`, async () => {
        const actions = (await import(/* @vite-ignore */ `@/${row.file}`)) as Record<
          string,
          (prev: null, data: FormData) => Promise<{ ok: boolean; error?: string }>
        >;
        signedIn.id = callerIds[caller];
        const before = await prisma().staffUser.findUniqueOrThrow({ where: { id: fixture.targetStaffId } });
        const result = await actions[row.name](null, form(row.input(fixture)));
        if (allowed) {
          expect([SESSION_ENDED, ROLE_DENIED]).not.toContain(result.error);
        } else {
          expect(result).toEqual({ ok: false, error: ["viewer", "hr", "admin"].includes(caller) ? ROLE_DENIED : SESSION_ENDED });
          // Refused means nothing changed.
          expect(await prisma().staffUser.findUniqueOrThrow({ where: { id: fixture.targetStaffId } })).toEqual(before);
        }
      });
    }
  }
});
