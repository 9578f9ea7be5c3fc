import { afterAll, beforeAll } from "vitest";
import { startSandbox, type SandboxOptions } from "../../sandbox/server";
import { SANDBOX_DEFAULTS } from "../../sandbox/defaults";

type RunningSandbox = Awaited<ReturnType<typeof startSandbox>>;

/**
 * A sandbox for this test file, with the portal's configuration pointed at it before the file's first
 * env() read (each test file has its own module graph). `url`, `apiBaseUrl` and `control` work inside tests.
 */
export function sandboxForThisFile(options: SandboxOptions = {}, env: Record<string, string> = {}) {
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    running = await startSandbox(options);
    Object.assign(process.env, {
      EASYFREELANCE_BASE_URL: running.apiBaseUrl,
      EASYFREELANCE_TOKEN: SANDBOX_DEFAULTS.token,
      EASYFREELANCE_API_KEY: SANDBOX_DEFAULTS.apiKey,
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
    /** The sandbox's control API: faults, request log, state. */
    async control(path: string, method = "GET", body?: unknown) {
      const response = await fetch(`${current().url}${path}`, {
        method,
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.status === 204 ? null : response.json();
    },
  };
}
