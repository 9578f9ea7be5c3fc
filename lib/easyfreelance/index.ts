// The EasyFreelance partner API client: types, errors and the factory. No environment access here;
// `./server` builds the portal's client from the environment.
export { createEasyFreelanceClient } from "./client";
export type { EasyFreelanceClient, EasyFreelanceClientConfig, EasyFreelanceLogger } from "./client";
export {
  EASYFREELANCE_ERROR_KINDS,
  EasyFreelanceError,
  defaultSafeMessage,
  extractFieldErrors,
  extractUpstreamMessage,
  isEasyFreelanceError,
  sanitizeUpstreamText,
  toInputFieldErrors,
} from "./errors";
export type { EasyFreelanceErrorKind, EasyFreelanceErrorOptions, EasyFreelanceOperation } from "./errors";
export {
  ID_TYPES,
  ID_VERIFICATION_STEP,
  NEXT_ACTIONS,
  PROVIDERS,
  TERMINAL_STATUSES,
  VERIFICATION_STATUSES,
  apiFieldToInputField,
  flowCreatedResponseSchema,
  inputFieldToApiField,
  isTerminalStatus,
  onboardingSchema,
  parseApiDate,
  registerReturnUrlInputSchema,
  returnUrlRegistrationResponseSchema,
  returnUrlSchema,
  startFlowInputSchema,
  upsertUserInputSchema,
  userResponseSchema,
  verificationStatusResponseSchema,
} from "./schemas";
export type {
  EasyFreelanceUser,
  FlowCreated,
  IdType,
  KnownNextAction,
  KnownVerificationStatus,
  NextAction,
  Onboarding,
  ParsedVerificationStatus,
  Provider,
  RegisterReturnUrlInput,
  ReturnUrlRegistration,
  StartFlowInput,
  TerminalStatus,
  UpsertUserInput,
  VerificationStatus,
  VerificationStatusResult,
} from "./schemas";
