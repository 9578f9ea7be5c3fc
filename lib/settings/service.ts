import "server-only";
import { randomUUID } from "node:crypto";
import { easyFreelance } from "@/lib/easyfreelance/server";
import { isCredentialsRedirect, isEasyFreelanceError } from "@/lib/easyfreelance/errors";
import {
  findReturnUrlApproval,
  findReturnUrlRegistration,
  saveReturnUrlRegistration,
  type ReturnUrlEvidence,
  type ReturnUrlRegistrationRecord,
} from "@/lib/db/return-urls";
import { atRegistrationLabel, REGISTER_AGAIN_WARNING, type Approval } from "./registration-status";
import { returnUrlBase } from "@/lib/verification/urls";
import { log } from "@/lib/log";

export type RegisterResult =
  | { ok: true; registration: ReturnUrlRegistrationRecord }
  /** `needsConfirmation`: a registration exists and the caller did not confirm filing a new request. */
  | { ok: false; error: string; needsConfirmation?: true };

/**
 * Registers the portal's return URL (APP_URL/return) with EasyFreelance and records the answer.
 * Every call files a registration request: the contract has no endpoint to read or list registrations,
 * so this never tells whether an existing one was approved (see getReturnUrlApproval for that). Once the
 * portal has a registration of the URL, a new request needs `newRequestConfirmed`, checked here on the
 * server whatever the page showed (another admin may have registered since it was loaded).
 */
export async function registerPortalReturnUrl(staffId: string, options: { newRequestConfirmed?: boolean } = {}): Promise<RegisterResult> {
  const url = returnUrlBase();
  if (!options.newRequestConfirmed && (await findReturnUrlRegistration(url))) {
    return {
      ok: false,
      needsConfirmation: true,
      error: `${url} is already registered from this portal. ${REGISTER_AGAIN_WARNING} To file one anyway, use “Register again” and confirm.`,
    };
  }
  try {
    const answer = await easyFreelance().registerReturnUrl({ returnUrl: url });
    const registration = await saveReturnUrlRegistration({
      upstreamId: answer.id,
      requestedUrl: answer.requestedUrl || url,
      status: answer.status,
      requestedAt: answer.requestedAt,
      staffId,
    });
    return { ok: true, registration };
  } catch (error) {
    if (!isEasyFreelanceError(error)) throw error;
    log.warn("settings: return URL registration failed", { kind: error.kind, httpStatus: error.httpStatus });
    if (error.kind === "timeout") {
      return {
        ok: false,
        error:
          "EasyFreelance did not answer in time; it may have recorded the registration anyway, but the portal cannot check. Registering again files another request.",
      };
    }
    if (error.kind === "validation" && error.httpStatus !== undefined) {
      return {
        ok: false,
        error: `EasyFreelance refused to register ${url}: ${error.upstreamMessage ?? "the URL is not valid"}${/[.!?]$/.test(error.upstreamMessage ?? "") ? "" : "."} Production requires an https APP_URL.`,
      };
    }
    return { ok: false, error: error.safeMessage };
  }
}

export type ReturnUrlApprovalState = {
  url: string;
  /** From evidence only; the registration's status never makes it "approved" or "not_approved". */
  approval: Approval;
  /** How and when the portal learnt it; null while unknown. */
  evidence: { kind: ReturnUrlEvidence; learntAt: Date; sessionId: string | null } | null;
  /** The newest registration the portal made for the URL, with EasyFreelance's answer at that time. */
  registration: ReturnUrlRegistrationRecord | null;
  /** "at registration: Pending approval": EasyFreelance's answer then, never read again; null if not registered. */
  atRegistration: string | null;
  /** Plain words: "when a verification started with this return URL", or what happens next when unknown. */
  detail: string;
};

/**
 * What Settings knows about the approval of the portal's return URL, without calling EasyFreelance.
 * EasyFreelance publishes no way to read a registration, so approval is learnt from Verify: a flow that
 * started with the URL proves approval, a 422 on partner_return_url proves the opposite. That evidence
 * wins over the status EasyFreelance answered at registration time, which is shown only as such.
 */
export async function getReturnUrlApproval(): Promise<ReturnUrlApprovalState> {
  const url = returnUrlBase();
  const [known, registration] = await Promise.all([findReturnUrlApproval(url), findReturnUrlRegistration(url)]);
  if (known) {
    const kind: ReturnUrlEvidence = known.evidence === "flow_rejected" ? "flow_rejected" : "flow_started";
    // The stored flag decides; an unexpected evidence value cannot turn a refusal into an approval.
    const approval: Approval = known.approved && kind === "flow_started" ? "approved" : "not_approved";
    const registeredSince = registration !== null && registration.checkedAt > known.learntAt;
    return {
      url,
      approval,
      evidence: { kind, learntAt: known.learntAt, sessionId: known.sessionId },
      registration,
      atRegistration: registration ? atRegistrationLabel(registration.status) : null,
      detail:
        approval === "approved"
          ? "when a verification started with this return URL."
          : `when EasyFreelance refused a verification with this return URL.${registeredSince ? " It has been registered since; the next Verify shows whether EasyFreelance has approved it." : ""}`,
    };
  }
  return {
    url,
    approval: "unknown",
    evidence: null,
    registration,
    atRegistration: registration ? atRegistrationLabel(registration.status) : null,
    detail: "approval will be learnt from the next Verify.",
  };
}

export type CredentialsCheck = {
  outcome: "accepted" | "rejected" | "inconclusive";
  message: string;
  checkedAt: string;
};

/**
 * Whether EasyFreelance accepts the portal's token and API key. The contract has no "who am I"
 * endpoint, so this asks for the status of a verification session that cannot exist (a fresh random
 * UUID): a read, it changes nothing upstream and concerns no employee. EasyFreelance authenticates
 * before it looks the session up, so 404 ("not found") proves the token and key were accepted, while
 * 401 — or Laravel's 302 to its login page — means they were rejected. Anything else (timeout, 5xx,
 * network) says nothing about the credentials and is reported as inconclusive.
 */
export async function checkCredentials(): Promise<CredentialsCheck> {
  const checkedAt = new Date().toISOString();
  try {
    await easyFreelance().getStatus(randomUUID());
    // A session with a random id should not exist, but any answer with data means we were let in.
    return { outcome: "accepted", message: "EasyFreelance accepts the portal's token and API key.", checkedAt };
  } catch (error) {
    if (!isEasyFreelanceError(error)) throw error;
    switch (error.kind) {
      case "not_found":
        return {
          outcome: "accepted",
          message: "EasyFreelance accepts the portal's token and API key (it answered a test request for an unknown session with 404, not 401).",
          checkedAt,
        };
      case "unauthorized": {
        const redirected = isCredentialsRedirect(error.httpStatus);
        return {
          outcome: "rejected",
          message: redirected
            ? `EasyFreelance rejected the portal's credentials: it answered with a redirect (HTTP ${error.httpStatus}) instead of JSON. Check EASYFREELANCE_TOKEN, EASYFREELANCE_API_KEY and EASYFREELANCE_BASE_URL, then restart the portal.`
            : `EasyFreelance rejected the portal's token and API key (HTTP ${error.httpStatus ?? 401}). Check EASYFREELANCE_TOKEN and EASYFREELANCE_API_KEY (both come from the partner's API settings at EasyFreelance), then restart the portal.`,
          checkedAt,
        };
      }
      case "forbidden":
        return {
          outcome: "inconclusive",
          message:
            "EasyFreelance recognised the credentials but refused the request (HTTP 403): the partner account may not have API access. Contact EasyFreelance.",
          checkedAt,
        };
      default:
        return { outcome: "inconclusive", message: `The credentials could not be checked: ${error.safeMessage}`, checkedAt };
    }
  }
}
