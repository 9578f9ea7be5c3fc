import type { SessionRecord } from "@/lib/db/sessions";
import { EMPLOYEE_MESSAGES, isFinal, type VerificationStatus } from "./status";

/** What the public status route and page show: the status and its message, no personal data. */
export type PublicStatus = {
  status: VerificationStatus;
  final: boolean;
  title: string;
  message: string;
  provider: "veriff" | "bankid";
};

export function toPublicStatus(session: SessionRecord): PublicStatus {
  const { title, body } = EMPLOYEE_MESSAGES[session.status];
  return { status: session.status, final: isFinal(session.status), title, message: body, provider: session.provider };
}
