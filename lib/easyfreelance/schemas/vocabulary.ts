// The closed vocabularies of the EasyFreelance API, and how an answer's text is read into them.
// A value the contract does not name never passes as a known one (fail closed: never verified).

export const PROVIDERS = ["veriff", "bankid"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const ID_TYPES = ["local", "international"] as const;
export type IdType = (typeof ID_TYPES)[number];

export const VERIFICATION_STATUSES = ["pending", "approved", "declined", "cancelled", "expired", "error"] as const;
export type KnownVerificationStatus = (typeof VERIFICATION_STATUSES)[number];
/** A session's status; "unknown" = a value the contract does not name (treat as not verified). */
export type VerificationStatus = KnownVerificationStatus | "unknown";

/** Statuses after which EasyFreelance does not change its answer. "unknown" is not terminal. */
export const TERMINAL_STATUSES = ["approved", "declined", "cancelled", "expired", "error"] as const satisfies readonly KnownVerificationStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export function isTerminalStatus(status: VerificationStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export const NEXT_ACTIONS = ["continue_verification", "redirect_to_partner", "retry", "show_error"] as const;
export type KnownNextAction = (typeof NEXT_ACTIONS)[number];
export type NextAction = KnownNextAction | "unknown";

/** The vocabulary word `raw` names (case and surrounding spaces ignored), or undefined. */
function readWord<T extends string>(words: readonly T[], raw: string | null): T | undefined {
  const value = raw?.trim().toLowerCase() ?? "";
  return (words as readonly string[]).includes(value) ? (value as T) : undefined;
}

export const readStatus = (raw: string): VerificationStatus => readWord(VERIFICATION_STATUSES, raw) ?? "unknown";
export const readNextAction = (raw: string | null): NextAction => readWord(NEXT_ACTIONS, raw) ?? "unknown";
export const readProvider = (raw: string | null): Provider | "unknown" => readWord(PROVIDERS, raw) ?? "unknown";
/** Null for BankID (no id type) and for a value the contract does not name. */
export const readIdType = (raw: string | null): IdType | null => readWord(ID_TYPES, raw) ?? null;
