// `npm run admin:create -- --email ops@example.no --name "Ops Admin"`: an active admin in DATABASE_URL's
// database (the first one of a fresh deployment). The password is never a flag (it would end up in shell
// history and process lists): it is asked for without echo when standard input is a terminal, else the first
// line of standard input is used:  printf '%s\n' "$PW" | npm run admin:create -- --email … --name …
// The rules and the audit record are in lib/staff/create-admin.ts.
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { PASSWORD_RULE } from "../lib/auth/password-policy";
import { createAdmin, emailTaken, nextSteps } from "../lib/staff/create-admin";

const USAGE = 'Usage: npm run admin:create -- --email <email> --name "<full name>"   (the password is asked for, or read from standard input)';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let values: { email?: string; name?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true, allowPositionals: false }));
} catch (error) {
  const text = error instanceof Error ? error.message : String(error);
  fail(
    `${text.includes("password") ? "The password is never given as an argument: it is asked for, or read from standard input.\n" : `${text}\n`}${USAGE}`,
  );
}
if (!values.email || !values.name) fail(USAGE);
const url = process.env.DATABASE_URL;
if (!url) fail("DATABASE_URL is not set: name the PostgreSQL database to create the admin in (for Vercel, the Production one).");

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
try {
  // Refused before the password is asked for (and again, race-safe, when creating).
  const taken = await emailTaken(db, values.email);
  if (taken) fail(taken);
  const password = process.stdin.isTTY ? await promptTwice() : await firstLineOfStdin();
  if (!password) fail("No password given: type one at the prompt, or pipe it in on standard input.");
  const result = await createAdmin(db, { email: values.email, name: values.name, password });
  if (!result.ok) {
    process.exitCode = 1;
    console.error(result.error.includes("password:") ? `${result.error}\nPassword rule: ${PASSWORD_RULE}` : result.error);
  } else {
    console.log(`Created admin ${result.email}.\n${nextSteps(process.env.APP_URL)}`);
  }
} finally {
  await db.$disconnect();
}

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

async function promptTwice(): Promise<string> {
  console.log(`Password rule: ${PASSWORD_RULE}`);
  const first = await hiddenPrompt("Password: ");
  const second = await hiddenPrompt("Repeat the password: ");
  if (first !== second) fail("The passwords differ: nothing was changed.");
  return first;
}

/** Reads one line from the terminal without echoing it. Ctrl-C aborts. */
function hiddenPrompt(prompt: string): Promise<string> {
  const stdin = process.stdin;
  // Echo off before the prompt appears, so nothing typed after it is ever echoed.
  stdin.setRawMode(true);
  process.stdout.write(prompt);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve) => {
    let typed = "";
    const onData = (text: string) => {
      for (const char of text) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          stdin.off("data", onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stdout.write("\n");
          resolve(typed);
          return;
        }
        if (char === "\u0003") {
          stdin.setRawMode(false);
          process.stdout.write("\n");
          process.exit(130);
        }
        if (char === "\u007f" || char === "\b") typed = [...typed].slice(0, -1).join("");
        else if (char >= " ") typed += char;
      }
    };
    stdin.on("data", onData);
  });
}
