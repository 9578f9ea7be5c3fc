import type { FaultStore } from "./faults";
import type { RequestLog } from "./requestLog";
import type { Store } from "./state";
import type { Partner } from "./types";

/** Everything a handler needs, built once per sandbox instance by startSandbox. */
export type SandboxContext = {
  store: Store;
  partners: Partner[];
  faults: FaultStore;
  log: RequestLog;
  config: { latencyMs: number };
  now: () => Date;
  sessionTtlSeconds: number;
  /** Public origin used in verification_url, status_check_url and redirects. */
  origin: string;
  /** Aborted when the sandbox closes. */
  signal: AbortSignal;
  /** Re-applies the configured pre-approved return URLs (after a state reset). */
  seedApprovedReturnUrls: () => void;
};
