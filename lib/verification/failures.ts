// What a failed "Verify" tells the staff member who clicked it, and what the failed session records.
// Every way the start can fail ends in one message that says what happened and what to do; the
// stored reason is written for any staff reader (it shows on the employee page), the message for
// the person who clicked (an HR user cannot fix credentials or Settings: they are sent to an admin).
// No I/O here: the caller looks up what it needs (the return-URL registration) first.
// The words are in the catalogues (namespace `failures`): every message is also returned as catalogue keys
// (`messageText`, `reasonText`), so server code can say it in any language with renderFailure().
// next-intl's core (use-intl/core) has no React in it, so scripts run with the react-server condition (npm run sweep) load it.
import { createTranslator } from "use-intl/core";
import {
  isCredentialsRedirect,
  isEasyFreelanceError,
  sayEasyFreelanceError,
  type EasyFreelanceError,
  type SafeMessageText,
} from "@/lib/easyfreelance/errors";
import { ADMIN_ONLY, type StaffRole } from "@/lib/auth/roles";
import { catalogue, type Messages } from "@/lib/i18n/catalogue";
import { TIME_ZONE, type Locale } from "@/lib/i18n/locales";

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

export type FailureKey = keyof Messages["failures"];
/** A value: as is, another sentence of `failures`, or the EasyFreelance client's sentence (said in the same language). */
type FailureValue = string | number | FailureText | { easyFreelance: SafeMessageText };
/** One sentence (or part of one) of a failure message, by its catalogue key. */
export type FailureText = { key: FailureKey; values?: Record<string, FailureValue> };
/** A whole message: its sentences, joined by a space. */
export type FailureMessage = FailureText[];
/** Says one catalogue key of `failures` in its language. */
export type FailureTranslator = ((key: FailureKey, values?: Record<string, string | number>) => string) & { locale: Locale };

/** The `failures` words of a language, without a request (actions, the sweep, tests). */
export function failureTranslator(locale: Locale): FailureTranslator {
  const t = createTranslator({ locale, messages: catalogue(locale), namespace: "failures", timeZone: TIME_ZONE });
  return Object.assign((key: FailureKey, values?: Record<string, string | number>) => t(key, values), { locale });
}

function sayValue(value: FailureValue, t: FailureTranslator): string | number {
  if (typeof value !== "object") return value;
  if ("easyFreelance" in value) return sayEasyFreelanceError({ safeText: value.easyFreelance, safeMessage: "" }, t.locale);
  return say(value, t);
}

function say(text: FailureText, t: FailureTranslator): string {
  const values = Object.fromEntries(Object.entries(text.values ?? {}).map(([name, value]) => [name, sayValue(value, t)]));
  return t(text.key, values);
}

/** A failure message in the translator's language. */
export function renderFailure(message: FailureMessage, t: FailureTranslator): string {
  return message.map((text) => say(text, t)).join(" ");
}

export type StartFailure = {
  /** An EasyFreelance error kind, "return_url_not_approved", or "internal". */
  kind: string;
  /** Stored as the session's failure reason; readable by any staff member. */
  reason: string;
  /** Shown to the person who clicked Verify. */
  message: string;
  /** The same two as catalogue keys, to say them in another language. */
  reasonText: FailureMessage;
  messageText: FailureMessage;
  httpStatus?: number;
  retryAfterSeconds?: number;
  fieldErrors?: Record<string, string[]>;
  /** EasyFreelance's own (sanitised) words, for the record. */
  upstreamMessage?: string;
};

const text = (key: FailureKey, values?: Record<string, FailureValue>): FailureText => (values ? { key, values } : { key });

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

function registrationState(ctx: StartFailureContext): FailureText {
  const registration = ctx.registration;
  if (!registration) return text("returnUrlNotRegistered");
  if (registration.status.trim().toLowerCase() === "approved") return text("returnUrlApprovedButRefused");
  return registration.requestedAt
    ? text("returnUrlWaiting", { date: day(registration.requestedAt), status: registration.status })
    : text("returnUrlWaitingUndated", { status: registration.status });
}

type Described = { reason: FailureMessage; message: FailureMessage };
const both = (message: FailureMessage): Described => ({ reason: message, message });

function fromEasyFreelance(error: EasyFreelanceError, ctx: StartFailureContext): Described {
  const http = error.httpStatus !== undefined ? ` (HTTP ${error.httpStatus})` : "";
  const admin = ctx.audience === "admin";

  if (isReturnUrlRejection(error)) {
    const what = text("returnUrlRefused", { base: ctx.returnUrlBase, state: registrationState(ctx) });
    return { reason: [what, text("returnUrlReason")], message: [what, text(admin ? "returnUrlAdmin" : "returnUrlStaff")] };
  }

  switch (error.kind) {
    case "unauthorized": {
      const redirected = isCredentialsRedirect(error.httpStatus);
      const what = text(redirected ? "credentialsRedirect" : "credentialsRejected", { http });
      const todo = admin ? (redirected ? "credentialsAdminRedirect" : "credentialsAdmin") : "credentialsStaff";
      return { reason: [what, text("credentialsReason")], message: [what, text(todo)] };
    }
    case "forbidden":
      // The id as text: a number would be formatted for the language ("1 005").
      return both([text("forbidden", { userId: String(ctx.efUserId), http })]);
    case "not_found":
      return both([text("notFound", { userId: String(ctx.efUserId), http })]);
    case "rate_limited":
      return both([
        error.retryAfterSeconds !== undefined ? text("rateLimited", { http, seconds: error.retryAfterSeconds }) : text("rateLimitedNoWait", { http }),
      ]);
    case "timeout":
      return both([text("timeout", { limit: Math.round(ctx.timeoutMs / 100) / 10 })]);
    case "network":
      return both([text("network")]);
    case "malformed":
      return both([text("malformed")]);
    case "upstream":
    case "validation":
      // The client's sentence already says what happened and what to do (5xx, HTML pages, other 4xx, 422s),
      // by its catalogue key, so it is said in the reader's language too.
      return both([text("upstream", { detail: error.safeText ? { easyFreelance: error.safeText } : error.safeMessage })]);
  }
}

/**
 * Turns anything `startFlow` threw into what the user reads and what the failed session records, both in
 * `t`'s language (English unless told otherwise), and as catalogue keys for any other.
 */
export function describeStartFailure(error: unknown, ctx: StartFailureContext, t: FailureTranslator = failureTranslator("en")): StartFailure {
  if (!isEasyFreelanceError(error)) {
    const internal = [text("internal")];
    return { kind: "internal", reason: renderFailure(internal, t), message: renderFailure(internal, t), reasonText: internal, messageText: internal };
  }
  const { reason, message } = fromEasyFreelance(error, ctx);
  const failure: StartFailure = {
    kind: isReturnUrlRejection(error) ? "return_url_not_approved" : error.kind,
    reason: renderFailure(reason, t),
    message: renderFailure(message, t),
    reasonText: reason,
    messageText: message,
  };
  if (error.httpStatus !== undefined) failure.httpStatus = error.httpStatus;
  if (error.retryAfterSeconds !== undefined) failure.retryAfterSeconds = error.retryAfterSeconds;
  if (error.fieldErrors !== undefined) failure.fieldErrors = error.fieldErrors;
  if (error.upstreamMessage !== undefined) failure.upstreamMessage = error.upstreamMessage;
  return failure;
}
