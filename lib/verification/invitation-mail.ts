// The invitation email and its reminders: plain text and simple HTML (no images, no tracking), in the
// employee's language. Pure, so tests can read exactly what is sent.
import { translator } from "@/lib/i18n/translator";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/lib/i18n/locales";

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

export function invitationMail(input: {
  kind: "invitation" | "reminder";
  locale: Locale;
  firstName: string;
  partnerName: string | null;
  url: string;
  expiresAt: Date;
}): { subject: string; text: string; html: string } {
  const t = translator(input.locale, "invitationMail");
  const partner = input.partnerName ?? t("partnerFallback");
  const values = { partner, name: input.firstName, date: formatDate(input.expiresAt, "date", input.locale) };
  const subject = input.kind === "reminder" ? t("reminderSubject", values) : t("subject", values);
  const paragraphs = [
    t("greeting", values),
    input.kind === "reminder" ? t("reminderIntro", values) : t("intro", values),
    t("what"),
    t("expires", values),
    t("ignore"),
  ];
  const text = [
    paragraphs[0],
    "",
    paragraphs[1],
    "",
    paragraphs[2],
    "",
    `${t("button")}: ${input.url}`,
    "",
    paragraphs[3],
    "",
    paragraphs[4],
    "",
  ].join("\n");
  const p = (value: string) => `<p>${escapeHtml(value)}</p>`;
  const html = [
    `<!doctype html><html lang="${input.locale}"><body style="font-family:sans-serif;line-height:1.5;color:#0f172a">`,
    p(paragraphs[0]),
    p(paragraphs[1]),
    p(paragraphs[2]),
    `<p><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t("button"))}</a></p>`,
    `<p style="font-size:13px;color:#475569">${escapeHtml(input.url)}</p>`,
    p(paragraphs[3]),
    p(paragraphs[4]),
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
