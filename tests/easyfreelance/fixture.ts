// A real HTTP server standing in for EasyFreelance in tests: port 0, one programmable reply per
// request (queued, then a default), and a record of every request as it arrived.
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll } from "vitest";

export interface RecordedRequest {
  method: string;
  /** Path and query as received, e.g. /api/v1/users/7 */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Reply =
  | {
      status?: number;
      headers?: Record<string, string>;
      /** Sent as JSON (content-type application/json unless headers say otherwise). */
      json?: unknown;
      /** Sent as-is (content-type text/html unless headers say otherwise). */
      text?: string;
    }
  /** Never answer: the request is held until the client gives up or the server closes. */
  | { hang: true }
  /** Close the connection abruptly once the request has arrived (a reset, no HTTP answer). */
  | { destroy: true };

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export const API_PREFIX = "/api/v1";

export class FakeEasyFreelance {
  readonly requests: RecordedRequest[] = [];
  private queue: Array<Reply | Handler> = [];
  private fallback: Reply | Handler = { status: 404, json: { message: "No reply programmed for this request." } };
  private readonly sockets = new Set<Socket>();

  private readonly server: http.Server;

  private constructor() {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  /** Starts on `port` (0 = any free port) on 127.0.0.1. */
  static async start(port = 0): Promise<FakeEasyFreelance> {
    const fake = new FakeEasyFreelance();
    await fake.listen(port);
    return fake;
  }

  /**
   * The fake upstream of one test file: listening from beforeAll on, reset (requests, queue, default reply)
   * after each test, closed after all. Use it inside tests.
   */
  static forThisFile(): FakeEasyFreelance {
    const fake = new FakeEasyFreelance();
    beforeAll(() => fake.listen(0));
    afterEach(() => fake.reset());
    afterAll(() => fake.close());
    return fake;
  }

  private listen(port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
  }

  /** A port on which nothing listens (taken from the OS, then released). */
  static async closedPort(): Promise<number> {
    const fake = await FakeEasyFreelance.start();
    const port = fake.port;
    await fake.close();
    return port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}${API_PREFIX}`;
  }

  /** The reply for every request not served by the queue. */
  reply(reply: Reply | Handler): this {
    this.fallback = reply;
    return this;
  }

  /** Replies for the next requests, in order. */
  enqueue(...replies: Array<Reply | Handler>): this {
    this.queue.push(...replies);
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.queue = [];
    this.fallback = { status: 404, json: { message: "No reply programmed for this request." } };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Recorded as soon as it arrives: a client that times out may abort while its body is still being read
    // (on a loaded machine), and that request was still sent.
    const recorded: RecordedRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: "" };
    this.requests.push(recorded);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // the client gave up mid-body: nothing to answer
    }
    recorded.body = Buffer.concat(chunks).toString("utf8");

    const next = this.queue.length > 0 ? this.queue.shift()! : this.fallback;
    const reply = typeof next === "function" ? await next(recorded) : next;

    if ("hang" in reply) return;
    if ("destroy" in reply) {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...reply.headers };
    const hasType = Object.keys(headers).some((h) => h.toLowerCase() === "content-type");
    let payload = "";
    if (reply.json !== undefined) {
      payload = JSON.stringify(reply.json);
      if (!hasType) headers["Content-Type"] = "application/json";
    } else if (reply.text !== undefined) {
      payload = reply.text;
      if (!hasType) headers["Content-Type"] = "text/html; charset=UTF-8";
    }
    res.writeHead(reply.status ?? 200, headers);
    res.end(payload);
  }
}
