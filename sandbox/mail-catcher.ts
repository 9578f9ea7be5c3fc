/**
 * The sandbox's SMTP catcher: a real SMTP server (the `smtp-server` package) that accepts every message and
 * keeps it in memory, parsed with `mailparser`, so development and the e2e suite see exactly what the portal
 * sent through nodemailer. Listed at GET /_sandbox/mail (JSON) and /_sandbox/mail/view (a page);
 * DELETE /_sandbox/mail empties it; POST /_sandbox/mail/fault {"reject": n} refuses the next n messages (550).
 */
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import type { Req, Res } from "./http";
import { readBody, sendHtml, sendJson } from "./http";

export type CaughtMail = { id: number; receivedAt: string; from: string; to: string[]; subject: string; text: string; html: string };

export type MailCatcher = { smtpUrl: string; port: number; messages: CaughtMail[]; close(): Promise<void>; rejectNext: number };

const MAX_MESSAGES = 500;

export async function startMailCatcher(port: number, host = "127.0.0.1"): Promise<MailCatcher> {
  let nextId = 1;
  const catcher: MailCatcher = { smtpUrl: "", port: 0, messages: [], rejectNext: 0, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 1024 * 1024,
    onRcptTo(_address, _session, callback) {
      if (catcher.rejectNext > 0) {
        catcher.rejectNext--;
        const error = new Error("Mailbox unavailable (sandbox fault)") as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          catcher.messages.push({
            id: nextId++,
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
          });
          if (catcher.messages.length > MAX_MESSAGES) catcher.messages.shift();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  server.on("error", (error) => console.error("[sandbox] smtp:", error.message));
  catcher.port = (server.server.address() as AddressInfo).port;
  catcher.smtpUrl = `smtp://${host}:${catcher.port}`;
  catcher.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return catcher;
}

const escapeHtml = (value: string) => value.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]!);

/** /_sandbox/mail… (null: not a mail path). */
export async function handleMail(catcher: MailCatcher | null, req: Req, res: Res, path: string): Promise<boolean> {
  if (path !== "/mail" && !path.startsWith("/mail/")) return false;
  if (!catcher) return (sendJson(res, 404, { message: "The mail catcher is off (no smtpPort)." }), true);
  const to = new URL(req.url ?? "/", "http://sandbox.invalid").searchParams.get("to")?.toLowerCase();
  const listed = to ? catcher.messages.filter((mail) => mail.to.some((address) => address.toLowerCase() === to)) : catcher.messages;
  if (path === "/mail" && req.method === "GET") return (sendJson(res, 200, { smtpUrl: catcher.smtpUrl, messages: listed }), true);
  if (path === "/mail" && req.method === "DELETE") {
    catcher.messages.length = 0;
    return (sendJson(res, 200, { ok: true }), true);
  }
  if (path === "/mail/fault" && req.method === "POST") {
    const body = JSON.parse((await readBody(req)) || "{}") as { reject?: number };
    catcher.rejectNext = Math.max(0, Math.min(100, Number(body.reject ?? 0)));
    return (sendJson(res, 200, { rejectNext: catcher.rejectNext }), true);
  }
  if (path === "/mail/view" && req.method === "GET") {
    const rows = [...listed]
      .reverse()
      .map(
        (mail) =>
          `<article style="border:1px solid #ccc;border-radius:6px;padding:12px;margin:12px 0"><p><b>${escapeHtml(mail.subject)}</b><br>` +
          `to ${escapeHtml(mail.to.join(", "))} · from ${escapeHtml(mail.from)} · ${escapeHtml(mail.receivedAt)}</p>` +
          `<pre style="white-space:pre-wrap">${escapeHtml(mail.text)}</pre></article>`,
      )
      .join("");
    sendHtml(
      res,
      200,
      `<!doctype html><html><head><meta charset="utf-8"><title>Sandbox mail</title></head><body style="font-family:sans-serif;max-width:760px;margin:auto;padding:16px">` +
        `<h1>Mail caught by the sandbox</h1><p>SMTP: ${escapeHtml(catcher.smtpUrl)} · ${catcher.messages.length} message(s) · JSON: <a href="/_sandbox/mail">/_sandbox/mail</a></p>${rows || "<p>No mail yet.</p>"}</body></html>`,
    );
    return true;
  }
  sendJson(res, 404, { message: "Not Found" });
  return true;
}
