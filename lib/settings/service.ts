import "server-only";
import { randomUUID } from "node:crypto";
import { easyFreelance } from "@/lib/easyfreelance/server";
import { isCredentialsRedirect, isEasyFreelanceError, sayEasyFreelanceError } from "@/lib/easyfreelance/errors";
import {
  findReturnUrlApproval,
  findReturnUrlRegistration,
  saveReturnUrlRegistration,
  type ReturnUrlEvidence,
  type ReturnUrlRegistrationRecord,
} from "@/lib/db/return-urls";
import { atRegistrationMessage, type Approval } from "./registration-status";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";

// Every message is in the caller's language (the actions and the page pass the request's; English when not given).
const words = (locale: Locale) => translator(locale, "settings");

/** "at registration: Pending approval" in the reader's language. */
export function atRegistrationLabel(status: string, locale: Locale = "en"): string {
  const { key, values } = atRegistrationMessage(status);
  return words(locale)(key, values);
}
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
export async function registerPortalReturnUrl(
  staffId: string,
  options: { newRequestConfirmed?: boolean; locale?: Locale } = {},
): Promise<RegisterResult> {
  const locale = options.locale ?? "en";
  const t = words(locale);
  const url = returnUrlBase();
  if (!options.newRequestConfirmed && (await findReturnUrlRegistration(url))) {
    return {
      ok: false,
      needsConfirmation: true,
      error: t("alreadyRegistered", { url }),
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
        error: t("registerTimeout"),
      };
    }
    if (error.kind === "validation" && error.httpStatus !== undefined) {
      return {
        ok: false,
        error: t("registerRefused", {
          url,
          reason: `${error.upstreamMessage ?? t("urlNotValid")}${/[.!?]$/.test(error.upstreamMessage ?? "") ? "" : "."}`,
        }),
      };
    }
    return { ok: false, error: sayEasyFreelanceError(error, locale) };
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
export async function getReturnUrlApproval(locale: Locale = "en"): Promise<ReturnUrlApprovalState> {
  const t = words(locale);
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
      atRegistration: registration ? atRegistrationLabel(registration.status, locale) : null,
      detail: approval === "approved" ? t("learntFromStart") : registeredSince ? t("learntFromRefusalRegisteredSince") : t("learntFromRefusal"),
    };
  }
  return {
    url,
    approval: "unknown",
    evidence: null,
    registration,
    atRegistration: registration ? atRegistrationLabel(registration.status, locale) : null,
    detail: t("learntNext"),
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
export async function checkCredentials(locale: Locale = "en"): Promise<CredentialsCheck> {
  const t = words(locale);
  const checkedAt = new Date().toISOString();
  try {
    await easyFreelance().getStatus(randomUUID());
    // A session with a random id should not exist, but any answer with data means we were let in.
    return { outcome: "accepted", message: t("credentialsAccepted"), checkedAt };
  } catch (error) {
    if (!isEasyFreelanceError(error)) throw error;
    switch (error.kind) {
      case "not_found":
        return {
          outcome: "accepted",
          message: t("credentialsAcceptedNotFound"),
          checkedAt,
        };
      case "unauthorized": {
        const redirected = isCredentialsRedirect(error.httpStatus);
        return {
          outcome: "rejected",
          message: redirected
            ? t("credentialsRedirected", { httpStatus: String(error.httpStatus) })
            : t("credentialsRejected", { httpStatus: String(error.httpStatus ?? 401) }),
          checkedAt,
        };
      }
      case "forbidden":
        return {
          outcome: "inconclusive",
          message: t("credentialsForbidden"),
          checkedAt,
        };
      default:
        return { outcome: "inconclusive", message: t("credentialsInconclusive", { reason: sayEasyFreelanceError(error, locale) }), checkedAt };
    }
  }
}
