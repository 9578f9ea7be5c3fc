import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { normalizeReturnUrl, parseHttpUrl } from "./returnUrls";
import type {
  IdType,
  OnboardingSteps,
  Provider,
  RegistrationStatus,
  ReturnUrlRegistration,
  SandboxState,
  SessionRecord,
  SessionStatus,
  UserRecord,
} from "./types";

// Ids handed out by POST /users start high so they rarely collide with the small ids tests use for
// auto-provisioned users.
const FIRST_CREATED_USER_ID = 10001;

// The whole file is rewritten after every mutation; past this many sessions the oldest finished ones are
// dropped so long benchmark runs do not make every write slower.
const MAX_SESSIONS = 5000;

function emptyState(): SandboxState {
  return { version: 1, nextUserId: FIRST_CREATED_USER_ID, users: [], sessions: [], returnUrls: [] };
}

function looksLikeState(value: unknown): value is SandboxState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.version === 1 && typeof v.nextUserId === "number" && Array.isArray(v.users) && Array.isArray(v.sessions) && Array.isArray(v.returnUrls);
}

/** Reads the state file. A corrupt file is moved aside (not deleted: someone may want to look at it). */
function loadState(file: string | undefined): SandboxState {
  if (!file || !existsSync(file)) return emptyState();
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (!looksLikeState(parsed)) throw new Error("unexpected shape");
    return parsed;
  } catch (err) {
    const aside = `${file}.corrupt-${Date.now()}`;
    try {
      renameSync(file, aside);
    } catch {
      // Nothing more we can do; starting empty is still the right call.
    }
    const reason = err instanceof Error ? err.message : String(err);
    console.warn(`[sandbox] state file ${file} is unreadable (${reason}); moved it to ${aside} and starting empty.`);
    return emptyState();
  }
}

export type NewUserFields = Omit<UserRecord, "id" | "createdAt" | "simulated" | "missing" | "steps" | "statusVersion" | "evaluatedAt" | "links">;

/** All reads and mutations of sandbox state. Callers call save() after mutating. */
export class Store {
  state: SandboxState;

  constructor(
    private readonly file: string | undefined,
    private readonly now: () => Date,
  ) {
    this.state = loadState(file);
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /** Atomic write (temp file + rename) so a crash mid-write never leaves a half-written state file. */
  save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, this.file);
  }

  reset(): void {
    this.state = emptyState();
  }

  // ---- users ----

  /** Any user record, including ones marked missing. */
  userRecord(id: number): UserRecord | undefined {
    return this.state.users.find((u) => u.id === id);
  }

  user(id: number): UserRecord | undefined {
    const user = this.userRecord(id);
    return user && !user.missing ? user : undefined;
  }

  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    return this.state.users.find((u) => !u.missing && u.email.toLowerCase() === wanted);
  }

  /** Sandbox convenience: an unknown id becomes a ready-to-verify simulated employee. */
  provisionUser(id: number): UserRecord {
    const at = this.stamp();
    const user: UserRecord = {
      id,
      email: `user${id}@sandbox.invalid`,
      firstName: "Simulated",
      lastName: `User ${id}`,
      phone: null,
      address: null,
      city: null,
      postalCode: null,
      mainWork: false,
      note: null,
      bankAccountNumber: null,
      bankIbanNumber: null,
      bankBicNumber: null,
      createdAt: at,
      simulated: true,
      missing: false,
      steps: { terms: true, profile: true, id_verification: false },
      statusVersion: 1,
      evaluatedAt: at,
      links: [],
    };
    this.state.users.push(user);
    this.state.nextUserId = Math.max(this.state.nextUserId, id + 1);
    return user;
  }

  createUser(fields: NewUserFields): UserRecord {
    const maxId = this.state.users.reduce((max, u) => Math.max(max, u.id), 0);
    const id = Math.max(this.state.nextUserId, maxId + 1);
    this.state.nextUserId = id + 1;
    const at = this.stamp();
    const hasBank = Boolean(fields.bankAccountNumber || (fields.bankIbanNumber && fields.bankBicNumber));
    const user: UserRecord = {
      ...fields,
      id,
      createdAt: at,
      simulated: false,
      missing: false,
      // Interpretation: terms are pre-accepted in the sandbox (as for simulated users) and the profile step
      // is the bank account, since the contract says name, address and phone do not drive onboarding.
      steps: { terms: true, profile: hasBank, id_verification: false },
      statusVersion: 1,
      evaluatedAt: at,
      links: [],
    };
    this.state.users.push(user);
    return user;
  }

  linkOf(user: UserRecord, partnerId: number) {
    return user.links.find((l) => l.partnerId === partnerId);
  }

  /** Links (or re-links) a user; `internalId` undefined keeps the existing internal id. */
  link(user: UserRecord, partnerId: number, internalId: number | null | undefined): void {
    const existing = this.linkOf(user, partnerId);
    if (existing) {
      if (internalId !== undefined) existing.internalId = internalId;
      return;
    }
    user.links.push({ partnerId, internalId: internalId ?? null, linkedAt: this.stamp() });
  }

  internalIdTaken(partnerId: number, internalId: number, exceptUserId?: number): boolean {
    return this.state.users.some(
      (u) => !u.missing && u.id !== exceptUserId && u.links.some((l) => l.partnerId === partnerId && l.internalId === internalId),
    );
  }

  /** Changes onboarding steps; status_version only moves when something actually changed. */
  updateSteps(user: UserRecord, patch: Partial<OnboardingSteps>): void {
    const next = { ...user.steps, ...patch };
    const changed = (Object.keys(next) as Array<keyof OnboardingSteps>).some((k) => next[k] !== user.steps[k]);
    if (!changed) return;
    user.steps = next;
    user.statusVersion += 1;
    user.evaluatedAt = this.stamp();
  }

  // ---- verification sessions ----

  session(id: string): SessionRecord | undefined {
    return this.state.sessions.find((s) => s.id === id);
  }

  createSession(input: {
    partnerId: number;
    userId: number;
    provider: Provider;
    idType: IdType | null;
    partnerReturnUrl: string;
    ttlSeconds: number;
  }): SessionRecord {
    const now = this.now();
    const session: SessionRecord = {
      id: randomUUID(),
      partnerId: input.partnerId,
      userId: input.userId,
      provider: input.provider,
      idType: input.idType,
      status: "pending",
      partnerReturnUrl: input.partnerReturnUrl,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000).toISOString(),
      completedAt: null,
    };
    this.state.sessions.push(session);
    this.pruneSessions();
    return session;
  }

  private pruneSessions(): void {
    let excess = this.state.sessions.length - MAX_SESSIONS;
    if (excess <= 0) return;
    this.state.sessions = this.state.sessions.filter((s) => {
      if (excess > 0 && s.status !== "pending") {
        excess -= 1;
        return false;
      }
      return true;
    });
  }

  /** Turns a pending session past its expiry into `expired`. Returns true when it changed (caller saves). */
  expireIfDue(session: SessionRecord): boolean {
    if (session.status !== "pending") return false;
    if (this.now().getTime() < Date.parse(session.expiresAt)) return false;
    session.status = "expired";
    session.completedAt = session.expiresAt;
    return true;
  }

  /** Records the end user's outcome; approval also completes the user's id_verification step. */
  completeSession(session: SessionRecord, status: Exclude<SessionStatus, "pending">): void {
    session.status = status;
    session.completedAt = this.stamp();
    if (status !== "approved") return;
    const user = this.user(session.userId);
    if (user) this.updateSteps(user, { id_verification: true });
  }

  // ---- return-URL registrations ----

  registration(id: string): ReturnUrlRegistration | undefined {
    return this.state.returnUrls.find((r) => r.id === id);
  }

  registrationFor(partnerId: number, url: string): ReturnUrlRegistration | undefined {
    return this.state.returnUrls.find((r) => r.partnerId === partnerId && r.requestedUrl === url);
  }

  approvedBases(partnerId: number): string[] {
    return this.state.returnUrls.filter((r) => r.partnerId === partnerId && r.status === "approved").map((r) => r.requestedUrl);
  }

  /** Callers validate the URL first; an unparsable one here is a programming error. */
  register(partnerId: number, url: string, status: RegistrationStatus = "pending"): ReturnUrlRegistration {
    const parsed = parseHttpUrl(url);
    if (!parsed) throw new Error(`not an http(s) URL: ${url}`);
    const normalized = normalizeReturnUrl(parsed);
    const at = this.stamp();
    const registration: ReturnUrlRegistration = {
      id: randomUUID(),
      partnerId,
      status,
      requestedUrl: url,
      requestedAt: at,
      approvedAt: status === "approved" ? at : null,
      normalizedHost: normalized.host,
      normalizedScheme: normalized.scheme,
      normalizedPathPrefix: normalized.pathPrefix,
    };
    this.state.returnUrls.push(registration);
    return registration;
  }

  approve(registration: ReturnUrlRegistration): void {
    if (registration.status === "approved") return;
    registration.status = "approved";
    registration.approvedAt = this.stamp();
  }

  /** Makes sure each URL is registered and approved for the partner (idempotent across restarts). */
  ensureApproved(partnerId: number, urls: string[]): void {
    for (const url of urls) {
      const existing = this.registrationFor(partnerId, url);
      if (existing) this.approve(existing);
      else this.register(partnerId, url, "approved");
    }
  }
}
