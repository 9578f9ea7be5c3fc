import type { SessionRecord } from "@/lib/db/sessions";
import type { Provider } from "@/lib/generated/prisma/enums";
import { STATUS, type VerificationStatus } from "./status";

/** What the public status route and page show: the status and its message, no personal data. */
export type PublicStatus = {
  status: VerificationStatus;
  final: boolean;
  title: string;
  message: string;
  provider: Provider;
};

export function toPublicStatus(session: SessionRecord): PublicStatus {
  const { final, employee } = STATUS[session.status];
  return { status: session.status, final, title: employee.title, message: employee.body, provider: session.provider };
}
