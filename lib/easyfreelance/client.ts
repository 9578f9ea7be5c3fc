// The one typed client of the EasyFreelance partner API: one method per endpoint, each validating its
// input, sending it through the transport and parsing the answer with the endpoint's schema. The same
// code talks to production and to the local sandbox; only the configuration differs.
import "server-only";
import { resolveConfig, type EasyFreelanceClientConfig } from "./config";
import { EasyFreelanceError, type EasyFreelanceOperation } from "./errors";
import { flowCreatedResponseSchema, startFlowInputSchema, toStartFlowBody, type FlowCreated, type StartFlowInput } from "./schemas/flows";
import {
  registerReturnUrlInputSchema,
  returnUrlRegistrationResponseSchema,
  toRegisterReturnUrlBody,
  type RegisterReturnUrlInput,
  type ReturnUrlRegistration,
} from "./schemas/return-urls";
import { verificationIdSchema, verificationStatusResponseSchema, type ExpectedStatusSubject, type VerificationStatusResult } from "./schemas/status";
import {
  toUpsertUserBody,
  upsertUserInputSchema,
  userIdSchema,
  userResponseSchema,
  type EasyFreelanceUser,
  type UpsertUserInput,
} from "./schemas/users";
import { createTransport } from "./transport";
import type { CallPriority } from "./budget";
import { validateInput } from "./validate-input";

export type { EasyFreelanceClientConfig, EasyFreelanceLogger } from "./config";
export { longestCallMs } from "./config";

/** Per call: who is waiting for it, which decides its share of the rate-limit budget (default: a person). */
export type CallOptions = { priority?: CallPriority };

export interface EasyFreelanceClient {
  /** POST /users/{userId}/verification/flows. Never retried once it may have reached EasyFreelance. */
  startFlow(userId: number, input: StartFlowInput, options?: CallOptions): Promise<FlowCreated>;
  /** GET /verification/status/{verificationId}; an answer contradicting `expected` is refused (malformed). */
  getStatus(verificationId: string, expected?: ExpectedStatusSubject, options?: CallOptions): Promise<VerificationStatusResult>;
  /** POST /verification-return-urls. A 201 does not mean approved: see `status`. */
  registerReturnUrl(input: RegisterReturnUrlInput, options?: CallOptions): Promise<ReturnUrlRegistration>;
  /** POST /users: creates the user (201), or links the existing one with that email (200: `linkedExisting`). */
  upsertUser(input: UpsertUserInput, options?: CallOptions): Promise<EasyFreelanceUser & { linkedExisting: boolean }>;
  /** GET /users/{id}. */
  getUser(id: number, options?: CallOptions): Promise<EasyFreelanceUser>;
}

/**
 * True when `url` may be handed to an employee: https on EasyFreelance's own host (the configured API's),
 * or, for a local sandbox on a loopback address, any loopback page. Anything else would send employees to
 * a site the partner never chose, on the portal's word.
 */
export function isEasyFreelancePage(url: string, baseUrl: string): boolean {
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  const base = new URL(baseUrl);
  if (LOOPBACK.has(base.hostname)) return LOOPBACK.has(page.hostname) && (page.protocol === "http:" || page.protocol === "https:");
  return page.protocol === "https:" && page.hostname === base.hostname && page.username === "" && page.password === "";
}
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function createEasyFreelanceClient(config: EasyFreelanceClientConfig): EasyFreelanceClient {
  const settings = resolveConfig(config);
  const { request, warn, loggable } = createTransport(settings);

  /** Unknown values are kept (as "unknown" or null) and logged, so a change in the API gets noticed. */
  function warnUnknown(operation: EasyFreelanceOperation, field: string, verificationId: string, rawKey: string, raw: unknown) {
    warn(`EasyFreelance sent an unknown ${field}`, { operation, verificationId: loggable(verificationId), [rawKey]: loggable(raw) });
  }

  /** Fail closed: an answer about another record must never be attached to the one asked for. */
  function answerAboutAnother(operation: EasyFreelanceOperation, log: string, meta: Record<string, unknown>, detail: string) {
    warn(log, { operation, ...meta });
    return new EasyFreelanceError({ kind: "malformed", operation, httpStatus: 200, detail });
  }

  return {
    async startFlow(userId, input, options = {}) {
      const id = validateInput(userIdSchema, userId, "startFlow", "user_id");
      const valid = validateInput(startFlowInputSchema, input, "startFlow");
      const flow = await request({
        operation: "startFlow",
        method: "POST",
        path: `/users/${id}/verification/flows`,
        body: toStartFlowBody(valid),
        schema: flowCreatedResponseSchema,
        priority: options.priority,
      });
      if (!isEasyFreelancePage(flow.verificationUrl, settings.baseUrl)) {
        warn("EasyFreelance sent a verification_url that is not an EasyFreelance page", {
          operation: "startFlow",
          verificationId: loggable(flow.verificationId),
          verificationUrl: loggable(flow.verificationUrl),
        });
        throw new EasyFreelanceError({
          kind: "malformed",
          operation: "startFlow",
          httpStatus: 201,
          detail: "verification_url is not an https page on EasyFreelance's host",
        });
      }
      if (flow.rawProvider === null) flow.provider = valid.provider;
      if (flow.status === "unknown") warnUnknown("startFlow", "verification status", flow.verificationId, "rawStatus", flow.rawStatus);
      if (flow.provider !== valid.provider) {
        warn("EasyFreelance started a flow with another provider than requested", {
          operation: "startFlow",
          verificationId: loggable(flow.verificationId),
          requested: valid.provider,
          rawProvider: loggable(flow.rawProvider),
        });
      }
      return flow;
    },

    async getStatus(verificationId, expected = {}, options = {}) {
      const id = validateInput(verificationIdSchema, verificationId, "getStatus", "verification_id");
      const parsed = await request({
        operation: "getStatus",
        method: "GET",
        path: `/verification/status/${encodeURIComponent(id)}`,
        schema: verificationStatusResponseSchema,
        priority: options.priority,
      });
      if (parsed.verificationId !== null && parsed.verificationId.toLowerCase() !== id.toLowerCase()) {
        throw answerAboutAnother(
          "getStatus",
          "EasyFreelance answered about another verification session",
          { verificationId: loggable(id) },
          "the answer is about another verification session",
        );
      }
      const result: VerificationStatusResult = { ...parsed, verificationId: parsed.verificationId ?? id };
      // Fail closed: a result about another user, provider or ID type must never be recorded on this session
      // (a field left out says nothing, and is accepted).
      const contradictions = [
        expected.userId != null && result.userId !== null && result.userId !== expected.userId ? "user_id" : null,
        expected.provider != null && result.rawProvider !== null && result.provider !== expected.provider ? "provider" : null,
        expected.idType !== undefined && result.rawIdType !== null && result.idType !== expected.idType ? "id_type" : null,
      ].filter((field): field is string => field !== null);
      if (contradictions.length > 0) {
        throw answerAboutAnother(
          "getStatus",
          "EasyFreelance's status answer contradicts the session",
          {
            verificationId: loggable(id),
            fields: contradictions,
            userId: result.userId,
            rawProvider: loggable(result.rawProvider),
            rawIdType: loggable(result.rawIdType),
          },
          `the answer contradicts the session (${contradictions.join(", ")})`,
        );
      }
      const sessionId = result.verificationId;
      if (result.status === "unknown") warnUnknown("getStatus", "verification status", sessionId, "rawStatus", result.rawStatus);
      if (result.nextAction === "unknown") warnUnknown("getStatus", "next_action", sessionId, "rawNextAction", result.rawNextAction);
      if (result.rawIdType !== null && result.idType === null) warnUnknown("getStatus", "id_type", sessionId, "rawIdType", result.rawIdType);
      return result;
    },

    async registerReturnUrl(input, options = {}) {
      const valid = validateInput(registerReturnUrlInputSchema, input, "registerReturnUrl");
      return request({
        operation: "registerReturnUrl",
        method: "POST",
        path: "/verification-return-urls",
        body: toRegisterReturnUrlBody(valid),
        schema: returnUrlRegistrationResponseSchema,
        priority: options.priority,
      });
    },

    async upsertUser(input, options = {}) {
      const valid = validateInput(upsertUserInputSchema, input, "upsertUser");
      let status = 0;
      const user = await request({
        operation: "upsertUser",
        method: "POST",
        path: "/users",
        body: toUpsertUserBody(valid),
        schema: userResponseSchema,
        onSuccessStatus: (code) => (status = code),
        priority: options.priority,
      });
      return { ...user, linkedExisting: status === 200 };
    },

    async getUser(userId, options = {}) {
      const id = validateInput(userIdSchema, userId, "getUser", "id");
      const user = await request({
        operation: "getUser",
        method: "GET",
        path: `/users/${id}`,
        schema: userResponseSchema,
        priority: options.priority,
      });
      if (user.id !== id) {
        throw answerAboutAnother("getUser", "EasyFreelance answered with another user", { requestedId: id }, "the answer is about another user");
      }
      return user;
    },
  };
}
