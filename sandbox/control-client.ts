/**
 * A typed client of the sandbox's control API (/_sandbox, see sandbox/control.ts and sandbox/README.md), for
 * the Vitest suites, the Playwright specs and the benchmarks. Every call fails with an error naming the route
 * unless the sandbox answers 2xx (removing a fault that is gone answers false instead).
 * Like the rest of sandbox/, never imported by product code.
 */
import type { Endpoint, FaultRule, FaultSpec } from "./faults";
import type { LoggedRequest } from "./requestLog";
import type { SandboxState } from "./types";

/** POST /_sandbox/faults: omit `times` for every matching call. */
export type FaultRuleInput = { endpoint?: Endpoint | "any"; userId?: number; verificationId?: string; times?: number; fault: FaultSpec };
/** PUT /_sandbox/users/{id}: an employee's onboarding steps, or `missing` (then they behave as unknown). */
export type UserPatch = { terms?: boolean; profile?: boolean; id_verification?: boolean; missing?: boolean };
/** A registration as the contract shows it (what `approve` answers). */
export type RegistrationView = { id: string; status: string; partner_return_url?: string } & Record<string, unknown>;

export class SandboxControl {
  /** `origin` is the sandbox's URL (e.g. http://127.0.0.1:4010), or a function giving it when first needed. */
  constructor(private readonly origin: string | (() => string)) {}

  private async call<T>(method: string, path: string, body?: unknown, options: { allowNotFound?: boolean } = {}): Promise<T | undefined> {
    const origin = typeof this.origin === "function" ? this.origin() : this.origin;
    const response = await fetch(`${origin}/_sandbox${path}`, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (options.allowNotFound && response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) throw new Error(`sandbox control ${method} /_sandbox${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  readonly faults = {
    /** Stores a fault rule; returns it with its id. */
    add: async (rule: FaultRuleInput): Promise<FaultRule> => (await this.call<FaultRule>("POST", "/faults", rule))!,
    /** False when there is no such rule (any more: a rule with `times` is gone once used up). */
    remove: async (id: string): Promise<boolean> =>
      (await this.call("DELETE", `/faults/${encodeURIComponent(id)}`, undefined, { allowNotFound: true })) !== undefined,
    clear: async (): Promise<void> => void (await this.call("DELETE", "/faults")),
    list: async (): Promise<FaultRule[]> => (await this.call<{ faults: FaultRule[] }>("GET", "/faults"))!.faults,
  };

  /** The log of API calls (never headers or bodies). */
  readonly requests = {
    list: async (): Promise<LoggedRequest[]> => (await this.call<{ requests: LoggedRequest[] }>("GET", "/requests"))!.requests,
    clear: async (): Promise<void> => void (await this.call("DELETE", "/requests")),
    /** How many calls of an endpoint ("flows", "status", "users", …) the log holds, of those `where` accepts. */
    count: async (endpoint: string, where: (request: LoggedRequest) => boolean = () => true): Promise<number> =>
      (await this.requests.list()).filter((request) => request.endpoint === endpoint && where(request)).length,
  };

  /** Forgets every user, session and registration (keeping the pre-approved return URLs), fault and log entry. */
  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }

  /** Delays every API answer by `latencyMs` (0 to stop). */
  async setLatency(latencyMs: number): Promise<void> {
    await this.call("POST", "/config", { latencyMs });
  }

  async updateUser(id: number, patch: UserPatch): Promise<void> {
    await this.call("PUT", `/users/${id}`, patch);
  }

  /** Expires a pending session now. */
  async expireSession(verificationId: string): Promise<void> {
    await this.call("POST", `/sessions/${encodeURIComponent(verificationId)}/expire`);
  }

  /** Lands a decision on a pending session now, as the provider would. */
  async decideSession(verificationId: string, outcome: "approved" | "declined" | "cancelled" | "error"): Promise<void> {
    await this.call("POST", `/sessions/${encodeURIComponent(verificationId)}/decide`, { outcome });
  }

  async approveReturnUrl(registrationId: string | number): Promise<RegistrationView> {
    return (await this.call<RegistrationView>("POST", `/return-urls/${encodeURIComponent(String(registrationId))}/approve`))!;
  }

  /** The sandbox's whole state (users, sessions, return-URL registrations). */
  async state(): Promise<SandboxState> {
    return (await this.call<SandboxState>("GET", "/state"))!;
  }
}
