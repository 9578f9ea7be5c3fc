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
import { verificationIdSchema, verificationStatusResponseSchema, type VerificationStatusResult } from "./schemas/status";
import {
  toUpsertUserBody,
  upsertUserInputSchema,
  userIdSchema,
  userResponseSchema,
  type EasyFreelanceUser,
  type UpsertUserInput,
} from "./schemas/users";
import { createTransport } from "./transport";
import { validateInput } from "./validate-input";

export type { EasyFreelanceClientConfig, EasyFreelanceLogger } from "./config";

export interface EasyFreelanceClient {
  /** POST /users/{userId}/verification/flows. Never retried once it may have reached EasyFreelance. */
  startFlow(userId: number, input: StartFlowInput): Promise<FlowCreated>;
  /** GET /verification/status/{verificationId}. */
  getStatus(verificationId: string): Promise<VerificationStatusResult>;
  /** POST /verification-return-urls. A 201 does not mean approved: see `status`. */
  registerReturnUrl(input: RegisterReturnUrlInput): Promise<ReturnUrlRegistration>;
  /** POST /users: creates the user, or links the existing one with that email. */
  upsertUser(input: UpsertUserInput): Promise<EasyFreelanceUser>;
  /** GET /users/{id}. */
  getUser(id: number): Promise<EasyFreelanceUser>;
}

export function createEasyFreelanceClient(config: EasyFreelanceClientConfig): EasyFreelanceClient {
  const { request, warn, loggable } = createTransport(resolveConfig(config));

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
    async startFlow(userId, input) {
      const id = validateInput(userIdSchema, userId, "startFlow", "user_id");
      const valid = validateInput(startFlowInputSchema, input, "startFlow");
      const flow = await request({
        operation: "startFlow",
        method: "POST",
        path: `/users/${id}/verification/flows`,
        body: toStartFlowBody(valid),
        schema: flowCreatedResponseSchema,
      });
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

    async getStatus(verificationId) {
      const id = validateInput(verificationIdSchema, verificationId, "getStatus", "verification_id");
      const parsed = await request({
        operation: "getStatus",
        method: "GET",
        path: `/verification/status/${encodeURIComponent(id)}`,
        schema: verificationStatusResponseSchema,
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
      const sessionId = result.verificationId;
      if (result.status === "unknown") warnUnknown("getStatus", "verification status", sessionId, "rawStatus", result.rawStatus);
      if (result.nextAction === "unknown") warnUnknown("getStatus", "next_action", sessionId, "rawNextAction", result.rawNextAction);
      if (result.rawIdType !== null && result.idType === null) warnUnknown("getStatus", "id_type", sessionId, "rawIdType", result.rawIdType);
      return result;
    },

    async registerReturnUrl(input) {
      const valid = validateInput(registerReturnUrlInputSchema, input, "registerReturnUrl");
      return request({
        operation: "registerReturnUrl",
        method: "POST",
        path: "/verification-return-urls",
        body: toRegisterReturnUrlBody(valid),
        schema: returnUrlRegistrationResponseSchema,
      });
    },

    async upsertUser(input) {
      const valid = validateInput(upsertUserInputSchema, input, "upsertUser");
      return request({ operation: "upsertUser", method: "POST", path: "/users", body: toUpsertUserBody(valid), schema: userResponseSchema });
    },

    async getUser(userId) {
      const id = validateInput(userIdSchema, userId, "getUser", "id");
      const user = await request({ operation: "getUser", method: "GET", path: `/users/${id}`, schema: userResponseSchema });
      if (user.id !== id) {
        throw answerAboutAnother("getUser", "EasyFreelance answered with another user", { requestedId: id }, "the answer is about another user");
      }
      return user;
    },
  };
}
