// `npm run admin:create`: the module (lib/staff/create-admin.ts) against the test database, and the CLI
// (scripts/admin-create.ts) as an operator runs it, with the password piped in on standard input.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { ADMIN_CREATE_LABEL, createAdmin, nextSteps } from "@/lib/staff/create-admin";

const PASSWORD = "Long enough pass phrase 7!";
const uniqueEmail = () => `Admin-${randomBytes(4).toString("hex")}@Example.test`;

describe("createAdmin", () => {
  it("creates an active admin with a verifiable hash, audited as staff.created by admin:create", async () => {
    const email = uniqueEmail();
    const result = await createAdmin(prisma(), { email, name: "  First Admin ", password: PASSWORD });
    expect(result).toMatchObject({ ok: true, email: email.toLowerCase() });

    const row = await prisma().staffUser.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(row).toMatchObject({ role: "admin", active: true, name: "First Admin" });
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, row.passwordHash ?? "")).toBe(true);

    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "staff.created", targetId: row.id } });
    expect(audit).toMatchObject({ actorId: null, actorLabel: ADMIN_CREATE_LABEL, data: { email: email.toLowerCase(), role: "admin" } });
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it("applies the Staff page's password policy and creates nothing when it fails", async () => {
    const email = uniqueEmail();
    for (const [password, message] of [
      ["short1!", "Use at least 12 characters."],
      ["onlylettersherebutlong", "Use letters and at least one digit or symbol."],
      [`${email.split("@")[0]}-2026!`, "Do not use the email in the password."],
    ]) {
      expect(await createAdmin(prisma(), { email, name: "Weak", password })).toEqual({ ok: false, error: `password: ${message}` });
    }
    expect(await createAdmin(prisma(), { email: "not-an-email", name: "", password: PASSWORD })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/email: Enter a valid email address\.\nname: Enter a name\./),
    });
    expect(await prisma().staffUser.count({ where: { email: email.toLowerCase() } })).toBe(0);
  });

  it("refuses an existing email (whatever its case) and changes nothing", async () => {
    const email = uniqueEmail();
    await createAdmin(prisma(), { email, name: "Original", password: PASSWORD });
    const before = await prisma().staffUser.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    const again = await createAdmin(prisma(), { email: email.toUpperCase(), name: "Impostor", password: "Another pass phrase 8?" });
    expect(again).toEqual({ ok: false, error: expect.stringContaining(`A staff member with the email ${email.toLowerCase()} already exists`) });
    expect(await prisma().staffUser.findUniqueOrThrow({ where: { email: email.toLowerCase() } })).toEqual(before);
    expect(await prisma().auditEvent.count({ where: { action: "staff.created", targetId: before.id } })).toBe(1);
  });

  it("names the next steps with the portal's login URL", () => {
    expect(nextSteps("https://portal.example.no")).toMatch(
      /sign in at https:\/\/portal\.example\.no\/login[\s\S]*Check credentials[\s\S]*Register return URL/,
    );
    expect(nextSteps(undefined)).toContain("<APP_URL>/login");
  });
});

function runCli(args: string[], input: string | null, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", ...args], {
      env: { ...process.env, APP_URL: "https://portal.example.no", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (input !== null) child.stdin.end(input);
    else child.stdin.end();
  });
}

describe("scripts/admin-create.ts", () => {
  it("reads the password from standard input, creates the admin and prints the next step; a second run is refused", async () => {
    const email = uniqueEmail().toLowerCase();
    const first = await runCli(["--email", email, "--name", "Piped Admin"], `${PASSWORD}\n`);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Created admin ${email}.`);
    expect(first.stdout).toContain("sign in at https://portal.example.no/login");
    expect(first.stdout + first.stderr).not.toContain(PASSWORD);
    const row = await prisma().staffUser.findUniqueOrThrow({ where: { email } });
    expect(row).toMatchObject({ role: "admin", active: true, name: "Piped Admin" });
    expect(await verifyPassword(PASSWORD, row.passwordHash ?? "")).toBe(true);

    const second = await runCli(["--email", email, "--name", "Piped Admin"], `${PASSWORD}\n`);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("already exists");
  }, 60_000);

  it("refuses a weak password with the rule, a --password flag and a missing password", async () => {
    const email = uniqueEmail().toLowerCase();
    const weak = await runCli(["--email", email, "--name", "Weak"], "short1!\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("password: Use at least 12 characters.");
    expect(weak.stderr).toContain("Password rule: At least 12 characters");

    const flag = await runCli(["--email", email, "--name", "Flag", "--password", PASSWORD], null);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain("The password is never given as an argument");

    const empty = await runCli(["--email", email, "--name", "Empty"], "");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("No password given");
    expect(await prisma().staffUser.count({ where: { email } })).toBe(0);
  }, 60_000);
});
