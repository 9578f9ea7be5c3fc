/** Shapes of the sandbox's own state. API response shapes live next to their handlers (see views.ts). */

export const PROVIDERS = ["veriff", "bankid"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const ID_TYPES = ["local", "international"] as const;
export type IdType = (typeof ID_TYPES)[number];

export type SessionStatus = "pending" | "approved" | "declined" | "cancelled" | "expired" | "error";

export type Partner = { id: number; token: string; apiKey: string };

export type OnboardingSteps = { terms: boolean; profile: boolean; id_verification: boolean };

/** A partner's link to an EasyFreelance user; `internalId` is the partner's own employee id. */
export type PartnerLink = { partnerId: number; internalId: number | null; linkedAt: string };

/** EasyFreelance users are global (one per email); partners only hold links to them. */
export type UserRecord = {
  id: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  postalCode: string | null;
  mainWork: boolean;
  note: string | null;
  bankAccountNumber: string | null;
  bankIbanNumber: string | null;
  bankBicNumber: string | null;
  createdAt: string;
  /** Auto-provisioned by a flow call for an unknown id, rather than created through POST /users. */
  simulated: boolean;
  /** Set through the control API: the user then behaves as if it did not exist. Kept as a tombstone so the
   *  next flow call does not auto-provision it again. */
  missing: boolean;
  steps: OnboardingSteps;
  statusVersion: number;
  evaluatedAt: string;
  links: PartnerLink[];
};

export type SessionRecord = {
  id: string;
  partnerId: number;
  userId: number;
  provider: Provider;
  idType: IdType | null;
  status: SessionStatus;
  partnerReturnUrl: string;
  createdAt: string;
  expiresAt: string;
  completedAt: string | null;
};

export type RegistrationStatus = "pending" | "approved";

export type ReturnUrlRegistration = {
  id: string;
  partnerId: number;
  status: RegistrationStatus;
  requestedUrl: string;
  requestedAt: string;
  approvedAt: string | null;
  normalizedHost: string;
  normalizedScheme: string;
  normalizedPathPrefix: string;
};

export type SandboxState = {
  version: 1;
  nextUserId: number;
  users: UserRecord[];
  sessions: SessionRecord[];
  returnUrls: ReturnUrlRegistration[];
};
