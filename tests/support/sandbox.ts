import { afterAll, beforeAll } from "vitest";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "../../sandbox/server";
import { SandboxControl } from "../../sandbox/control-client";
import { SANDBOX_DEFAULTS } from "../../sandbox/defaults";

/**
 * A sandbox for this test file, started in beforeAll and closed in afterAll. Unless `env` is false (tests
 * that drive the client themselves), the portal's configuration is pointed at it before the file's first
 * env() read (each test file has its own module graph), with `env` on top. `url`, `apiBaseUrl` and
 * `control` (the typed control API client) work inside tests.
 */
export function sandboxForThisFile(options: SandboxOptions = {}, env: Record<string, string> | false = {}) {
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    running = await startSandbox(options);
    if (env === false) return;
    Object.assign(process.env, {
      EASYFREELANCE_BASE_URL: running.apiBaseUrl,
      EASYFREELANCE_TOKEN: SANDBOX_DEFAULTS.token,
      EASYFREELANCE_API_KEY: SANDBOX_DEFAULTS.apiKey,
      // With a mail catcher (options.smtpPort), the portal's mail goes to it.
      ...(running.smtpUrl ? { SMTP_URL: running.smtpUrl, MAIL_FROM: "Portal <portal@sandbox.test>" } : {}),
      ...env,
    });
  });
  afterAll(() => running?.close());
  const current = () => {
    if (!running) throw new Error("The sandbox starts in beforeAll: use it inside tests.");
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get apiBaseUrl() {
      return current().apiBaseUrl;
    },
    control: new SandboxControl(() => current().url),
  };
}
