/** API response shapes, as the contract documents them (including its awkward parts). */
import { onboardingView } from "./onboarding";
import type { ReturnUrlRegistration, SessionRecord, SessionStatus, UserRecord } from "./types";
import type { Store } from "./state";

// The contract says unknown fields will appear in responses; this one makes sure clients ignore them.
const UNKNOWN_FIELD = { sandbox: true } as const;

const NEXT_ACTION: Record<SessionStatus, string> = {
  pending: "continue_verification",
  approved: "redirect_to_partner",
  declined: "retry",
  expired: "retry",
  cancelled: "redirect_to_partner",
  error: "show_error",
};

export function flowCreatedView(session: SessionRecord, origin: string) {
  return {
    verification_id: session.id,
    provider: session.provider,
    status: session.status,
    verification_url: `${origin}/verify/${session.id}`,
    status_check_url: `${origin}/api/v1/verification/status/${session.id}`,
    expires_at: session.expiresAt,
    ...UNKNOWN_FIELD,
  };
}

export function sessionStatusView(session: SessionRecord, store: Store) {
  const user = store.user(session.userId);
  return {
    verification_id: session.id,
    user_id: session.userId,
    provider: session.provider,
    id_type: session.idType,
    status: session.status,
    completed_at: session.completedAt,
    next_action: NEXT_ACTION[session.status],
    onboarding: user ? onboardingView(user) : null,
    ...UNKNOWN_FIELD,
  };
}

export function registrationView(r: ReturnUrlRegistration) {
  return {
    id: r.id,
    partner_id: r.partnerId,
    status: r.status,
    requested_url: r.requestedUrl,
    requested_at: r.requestedAt,
    normalized_host: r.normalizedHost,
    normalized_scheme: r.normalizedScheme,
    normalized_path_prefix: r.normalizedPathPrefix,
    ...UNKNOWN_FIELD,
  };
}

function userFields(user: UserRecord, partnerId: number) {
  const internalId = user.links.find((l) => l.partnerId === partnerId)?.internalId ?? null;
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
  return {
    email: user.email,
    internal_id: internalId === null ? null : String(internalId),
    name: name === "" ? null : name,
    first_name: user.firstName,
    last_name: user.lastName,
    phone: user.phone,
    address: user.address,
    city: user.city,
    postal_code: user.postalCode,
    main_work: user.mainWork ? "true" : "false",
    bank_account_number: user.bankAccountNumber,
    bank_iban_number: user.bankIbanNumber,
    bank_bic_number: user.bankBicNumber,
    created_at: user.createdAt,
    ...UNKNOWN_FIELD,
  };
}

/** POST /users: the schema types `id` and `onboarding` as strings, so that is what we send. */
export function createdUserView(user: UserRecord, partnerId: number) {
  return { id: String(user.id), ...userFields(user, partnerId), onboarding: JSON.stringify(onboardingView(user)) };
}

/** GET /users/{id}: integer id and an onboarding object. */
export function userView(user: UserRecord, partnerId: number) {
  return { id: user.id, ...userFields(user, partnerId), onboarding: onboardingView(user) };
}
