/** A short log of API calls so tests can count upstream requests. It never records headers or bodies, so the
 *  partner's token and API key cannot end up in it. */

export type LoggedRequest = {
  id: number;
  time: string;
  method: string;
  path: string;
  endpoint: string;
  partnerId: number | null;
  /** null when no answer was sent (timeout, reset, client gave up). */
  status: number | null;
  fault: string | null;
  durationMs: number | null;
};

const MAX_ENTRIES = 1000;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  start(method: string, path: string, time: Date): LoggedRequest {
    const entry: LoggedRequest = {
      id: ++this.seq,
      time: time.toISOString(),
      method,
      path,
      endpoint: "unknown",
      partnerId: null,
      status: null,
      fault: null,
      durationMs: null,
    };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return entry;
  }

  list(): LoggedRequest[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
