/**
 * CLI: `npm run sandbox`. Runs the EasyFreelance sandbox until SIGINT/SIGTERM.
 * Env: SANDBOX_PORT, SANDBOX_HOST, SANDBOX_DATA_FILE, SANDBOX_TOKEN, SANDBOX_API_KEY,
 * SANDBOX_APPROVED_RETURN_URLS (comma-separated bases), SANDBOX_PUBLIC_URL.
 */
import { resolve } from "node:path";
import { SANDBOX_DEFAULTS } from "./defaults";
import { defaultPartners, startSandbox } from "./server";

// The sandbox accepts well-known credentials and has unauthenticated controls: it must never be deployed.
if (process.env.VERCEL) {
  console.error("[sandbox] Refusing to start: VERCEL is set. The EasyFreelance sandbox is for local development and tests only.");
  process.exit(1);
}

function envPort(): number {
  const raw = process.env.SANDBOX_PORT;
  if (raw === undefined || raw === "") return SANDBOX_DEFAULTS.port;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`[sandbox] SANDBOX_PORT must be a port number, got "${raw}".`);
    process.exit(1);
  }
  return port;
}

const [mainPartner, ...otherPartners] = defaultPartners();
const partners = [
  { ...mainPartner!, token: process.env.SANDBOX_TOKEN || SANDBOX_DEFAULTS.token, apiKey: process.env.SANDBOX_API_KEY || SANDBOX_DEFAULTS.apiKey },
  ...otherPartners,
];
const dataFile = resolve(process.env.SANDBOX_DATA_FILE || ".data/sandbox/state.json");
const approvedReturnUrls = (process.env.SANDBOX_APPROVED_RETURN_URLS ?? "")
  .split(",")
  .map((u) => u.trim())
  .filter(Boolean);

const sandbox = await startSandbox({
  port: envPort(),
  host: process.env.SANDBOX_HOST || "127.0.0.1",
  dataFile,
  partners,
  approvedReturnUrls,
  publicUrl: process.env.SANDBOX_PUBLIC_URL || undefined,
}).catch((err: unknown) => {
  console.error(`[sandbox] Could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

console.log(`[sandbox] EasyFreelance sandbox listening on ${sandbox.url}`);
console.log(`[sandbox] API base URL: ${sandbox.apiBaseUrl}   admin: ${sandbox.url}/_sandbox`);
console.log(`[sandbox] State file: ${dataFile}`);
if (approvedReturnUrls.length) console.log(`[sandbox] Pre-approved return URLs: ${approvedReturnUrls.join(", ")}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[sandbox] ${signal} received, shutting down.`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
