// The schemas live by concern in ./schemas/. This module keeps the import path that
// lib/verification and lib/employees use for the types they read.
export type { Onboarding } from "./schemas/onboarding";
export type { VerificationStatusResult } from "./schemas/status";
export type { UpsertUserInput } from "./schemas/users";
