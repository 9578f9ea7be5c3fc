// What a failed "Verify" tells the staff member who clicked it, and what the failed session records.
// Every way the start can fail ends in one message that says what happened and what to do; the
// stored reason is written for any staff reader (it shows on the employee page), the message for
// the person who clicked (an HR user cannot fix credentials or Settings: they are sent to an admin).
// No I/O here: the caller looks up what it needs (the return-URL registration) first.
import { isCredentialsRedirect, isEasyFreelanceError, type EasyFreelanceError } from "@/lib/easyfreelance/errors";
import { ADMIN_ONLY, type StaffRole } from "@/lib/auth/roles";

/** Admins can change Settings and configuration; everyone else is sent to an admin. */
export type FailureAudience = "admin" | "staff";

export function audienceFor(role: StaffRole): FailureAudience {
  return ADMIN_ONLY.includes(role) ? "admin" : "staff";
}

export type StartFailureContext = {
  audience: FailureAudience;
  /** The base registered with EasyFreelance (APP_URL/return); the flow sent APP_URL/return/<reference>. */
  returnUrlBase: string;
  /** The return URL this attempt sent. */
  returnUrl: string;
  efUserId: number;
  /** The client's per-call timeout, for the timeout message. */
  timeoutMs: number;
  /** What Settings knows about the registration of returnUrlBase, if anything. */
  registration?: { status: string; requestedAt: Date | null } | null;
};

export type StartFailure = {
  /** An EasyFreelance error kind, "return_url_not_approved", or "internal". */
  kind: string;
  /** Stored as the session's failure reason; readable by any staff member. */
  reason: string;
  /** Shown to the person who clicked Verify. */
  message: string;
  httpStatus?: number;
  retryAfterSeconds?: number;
  fieldErrors?: Record<string, string[]>;
  /** EasyFreelance's own (sanitised) words, for the record. */
  upstreamMessage?: string;
};

const NOT_STARTED = "The verification was not started";

function seconds(n: number): string {
  return n === 1 ? "1 second" : `${n} seconds`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A 422 naming partner_return_url: EasyFreelance does not (yet) allow the portal's return URL. */
export function isReturnUrlRejection(error: EasyFreelanceError): boolean {
  return (
    error.kind === "validation" &&
    error.operation === "startFlow" &&
    error.httpStatus === 422 &&
    error.fieldErrors !== undefined &&
    Object.hasOwn(error.fieldErrors, "partner_return_url")
  );
}

function registrationState(ctx: StartFailureContext): string {
  const registration = ctx.registration;
  if (!registration) return "it has not been registered from this portal's Settings yet";
  const when = registration.requestedAt ? ` on ${day(registration.requestedAt)}` : "";
  if (registration.status.trim().toLowerCase() === "approved") {
    return `Settings last saw it approved, but EasyFreelance now refuses it`;
  }
  return `it was registered${when} and is still waiting for EasyFreelance's approval (status "${registration.status}")`;
}

function fromEasyFreelance(
  error: EasyFreelanceError,
  ctx: StartFailureContext,
): Omit<StartFailure, "kind" | "httpStatus" | "retryAfterSeconds" | "fieldErrors" | "upstreamMessage"> {
  const http = error.httpStatus !== undefined ? ` (HTTP ${error.httpStatus})` : "";

  if (isReturnUrlRejection(error)) {
    const what = `EasyFreelance refused the portal's return URL ${ctx.returnUrlBase}: ${registrationState(ctx)}. ${NOT_STARTED}.`;
    return {
      reason: `${what} An administrator must register it under Settings and wait for EasyFreelance's approval, then start the verification again.`,
      message:
        ctx.audience === "admin"
          ? `${what} Register it under Settings and wait for EasyFreelance's approval, then try Verify again.`
          : `${what} An administrator must register it under Settings and wait for EasyFreelance's approval; then try Verify again.`,
    };
  }

  switch (error.kind) {
    case "unauthorized": {
      const redirected = isCredentialsRedirect(error.httpStatus);
      const what = redirected
        ? `EasyFreelance answered with a redirect instead of JSON${http}, which means it rejected the portal's API credentials. ${NOT_STARTED}.`
        : `EasyFreelance rejected the portal's API credentials${http}. ${NOT_STARTED}.`;
      return {
        reason: `${what} An administrator must check the portal's EasyFreelance token and API key.`,
        message:
          ctx.audience === "admin"
            ? `${what} Check EASYFREELANCE_TOKEN and EASYFREELANCE_API_KEY${redirected ? " (and EASYFREELANCE_BASE_URL)" : ""} in the portal's configuration, then use Check credentials under Settings.`
            : `${what} Contact an administrator: they must check the portal's EasyFreelance token and API key.`,
      };
    }
    case "forbidden": {
      const text = `EasyFreelance refused to start a verification for its user ${ctx.efUserId} with this portal's partner account${http}. ${NOT_STARTED}. Link the employee to this partner again with Relink on the employee's page (it uses their email), or ask EasyFreelance to grant access.`;
      return { reason: text, message: text };
    }
    case "not_found": {
      const text = `EasyFreelance has no user with id ${ctx.efUserId}${http}. ${NOT_STARTED}. Use Relink on the employee's page to link them again by their email, then try Verify again.`;
      return { reason: text, message: text };
    }
    case "rate_limited": {
      const wait = error.retryAfterSeconds !== undefined ? `in ${seconds(error.retryAfterSeconds)}` : "in a minute";
      const text = `EasyFreelance is limiting requests${http}. ${NOT_STARTED}. Try again ${wait}.`;
      return { reason: text, message: text };
    }
    case "timeout": {
      const limit = Math.round(ctx.timeoutMs / 100) / 10;
      const text = `EasyFreelance did not answer within ${limit} s, so it is not known whether it started a verification; no link was given out. Try Verify again in a minute (an unused session simply expires). If it keeps happening, EasyFreelance may be down.`;
      return { reason: text, message: text };
    }
    case "network": {
      const text = `The portal could not reach EasyFreelance or lost the connection, so no verification link was given out. Try Verify again in a moment; if it keeps happening, an administrator must check the network and the EasyFreelance base URL.`;
      return { reason: text, message: text };
    }
    case "malformed": {
      const text = `EasyFreelance sent an answer the portal could not read, so no verification link was given out. Try Verify again later; if it keeps happening, the EasyFreelance API may have changed and the portal needs an update.`;
      return { reason: text, message: text };
    }
    case "upstream":
    case "validation": {
      // The client's sentence already says what happened and what to do (5xx, HTML pages, other 4xx, 422s).
      const text = `${NOT_STARTED}: ${error.safeMessage}`;
      return { reason: text, message: text };
    }
  }
}

/** Turns anything `startFlow` threw into what the user reads and what the failed session records. */
export function describeStartFailure(error: unknown, ctx: StartFailureContext): StartFailure {
  if (!isEasyFreelanceError(error)) {
    const text = `${NOT_STARTED} because of an internal error. Try again; if it keeps happening, contact the portal's administrator.`;
    return { kind: "internal", reason: text, message: text };
  }
  const { reason, message } = fromEasyFreelance(error, ctx);
  const failure: StartFailure = {
    kind: isReturnUrlRejection(error) ? "return_url_not_approved" : error.kind,
    reason,
    message,
  };
  if (error.httpStatus !== undefined) failure.httpStatus = error.httpStatus;
  if (error.retryAfterSeconds !== undefined) failure.retryAfterSeconds = error.retryAfterSeconds;
  if (error.fieldErrors !== undefined) failure.fieldErrors = error.fieldErrors;
  if (error.upstreamMessage !== undefined) failure.upstreamMessage = error.upstreamMessage;
  return failure;
}
