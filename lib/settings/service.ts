import "server-only";
import { randomUUID } from "node:crypto";
import { easyFreelance } from "@/lib/easyfreelance/server";
import { isEasyFreelanceError } from "@/lib/easyfreelance/errors";
import { saveReturnUrlRegistration, type ReturnUrlRegistrationRecord } from "@/lib/db/return-urls";
import { returnUrlBase } from "@/lib/verification/service";

export type RegisterResult =
  | { ok: true; registration: ReturnUrlRegistrationRecord }
  | { ok: false; error: string };

/**
 * Registers the portal's return URL (APP_URL/return) with EasyFreelance and records the answer.
 * The contract has no endpoint to list or read registrations, so "refresh" is the same call:
 * registering a URL that is already registered answers with the existing registration and its
 * current status (that is what the sandbox does; production's behaviour is not published, and a
 * duplicate would be recorded as a second row, keyed by EasyFreelance's id).
 */
export async function registerPortalReturnUrl(staffId: string): Promise<RegisterResult> {
  const url = returnUrlBase();
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
    console.warn("[settings] return URL registration failed", { kind: error.kind, httpStatus: error.httpStatus });
    if (error.kind === "timeout") {
      return {
        ok: false,
        error: "EasyFreelance did not answer in time; it may still have recorded the registration. Press the button again to read it back.",
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
        const redirected = error.httpStatus !== undefined && error.httpStatus >= 300 && error.httpStatus < 400;
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
          message: "EasyFreelance recognised the credentials but refused the request (HTTP 403): the partner account may not have API access. Contact EasyFreelance.",
          checkedAt,
        };
      default:
        return { outcome: "inconclusive", message: `The credentials could not be checked: ${error.safeMessage}`, checkedAt };
    }
  }
}
