// Benchmark 7's measurement: one streamed download of the compliance export while sampling the resident set
// size (RSS, from /proc) of the server process and its children every 25 ms. Linux only.
import { readFileSync, readdirSync } from "node:fs";

/** The process and every descendant (`next start` may fork workers). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

function rssKb(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += match ? Number(match[1]) : 0;
    } catch {
      // exited
    }
  }
  return total;
}

export type ExportRun = { ms: number; bytes: number; rows: number; rssBeforeMb: number; rssPeakMb: number; status: number };

/** Downloads the export once; `pauseMs` per chunk simulates a slow client (backpressure must hold memory). */
export async function measureExport(options: {
  url: string;
  cookie: string;
  origin: string;
  serverPid: number;
  pauseMs?: number;
  method?: "GET" | "POST";
}): Promise<ExportRun> {
  const pids = processTree(options.serverPid);
  const before = rssKb(pids);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pids))), 25);
  const t0 = performance.now();
  try {
    let response = await fetch(options.url, { method: options.method ?? "POST", headers: { cookie: options.cookie, origin: options.origin } });
    // The list's export may have become a POST (issue 12): follow it.
    if (response.status === 405 && options.method === "GET")
      response = await fetch(options.url, { method: "POST", headers: { cookie: options.cookie, origin: options.origin } });
    let bytes = 0;
    let rows = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const byte of value) if (byte === 0x0a) rows++;
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
    const ms = performance.now() - t0;
    peak = Math.max(peak, rssKb(pids));
    // The header line is not an employee.
    return { ms, bytes, rows: rows - 1, rssBeforeMb: before / 1024, rssPeakMb: peak / 1024, status: response.status };
  } finally {
    clearInterval(sampler);
  }
}
