import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

// Outgoing mail through SMTP (nodemailer): any transactional mail service that speaks SMTP, configured by
// SMTP_URL and MAIL_FROM. One transporter per server instance; every send has short timeouts, so a dead
// mail server makes a send fail (recorded for HR) instead of hanging a request.

export type Mail = { to: string; subject: string; text: string; html: string };

/** Why a send failed, as HR may read it: never the server's message (it may carry the address or credentials). */
export type MailFailure = "not_configured" | "refused" | "timeout" | "rejected" | "failed";

export type SendResult = { ok: true } | { ok: false; failure: MailFailure };

let transporter: { url: string; transport: Transporter } | null = null;

export function mailConfigured(): boolean {
  return Boolean(env().SMTP_URL && env().MAIL_FROM);
}

function transport(url: string): Transporter {
  if (transporter?.url !== url) {
    transporter = {
      url,
      transport: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 }),
    };
  }
  return transporter.transport;
}

export function mailFailureOf(error: unknown): MailFailure {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  const message = error instanceof Error ? error.message : "";
  if (code === "ECONNREFUSED" || /ECONNREFUSED/.test(message)) return "refused";
  if (code === "ETIMEDOUT" || /timeout|timed out/i.test(message)) return "timeout";
  if (
    code === "EENVELOPE" ||
    code === "EMESSAGE" ||
    ("responseCode" in (error as object) && Number((error as { responseCode: unknown }).responseCode) >= 500)
  ) {
    return "rejected";
  }
  return "failed";
}

export async function sendMail(mail: Mail): Promise<SendResult> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL || !MAIL_FROM) return { ok: false, failure: "not_configured" };
  try {
    await transport(SMTP_URL).sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    return { ok: true };
  } catch (error) {
    return { ok: false, failure: mailFailureOf(error) };
  }
}
