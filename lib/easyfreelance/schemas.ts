// The schemas live in ./schemas/, one file per endpoint or concern. Requests are strict (only fields the
// contract names, validated before anything is sent); answers are tolerant (unknown fields dropped, both
// documented shapes accepted, unknown enum values kept as "unknown": fail closed). No I/O or secrets there.
// This module keeps the import path that lib/verification and lib/employees use for the types they read.
export type { Onboarding } from "./schemas/onboarding";
export type { VerificationStatusResult } from "./schemas/status";
export type { UpsertUserInput } from "./schemas/users";
