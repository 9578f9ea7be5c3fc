/** Return-URL rules: what may be registered and which flow URLs an approved registration allows
 *  (docs/easyfreelance-api.md: "Register a return URL", "Start a verification"). */

export function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (!url.hostname) return null;
    return url;
  } catch {
    return null;
  }
}

export function normalizeReturnUrl(url: URL): { scheme: string; host: string; pathPrefix: string } {
  const path = url.pathname.replace(/\/+$/, "");
  return { scheme: url.protocol.slice(0, -1), host: url.host.toLowerCase(), pathPrefix: path === "" ? "/" : path };
}

// RFC 3986 pchar, minus anything that would start a query or fragment.
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;

function safeSegment(segment: string): boolean {
  if (!SEGMENT.test(segment)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return false;
  }
  // Encoded dots or slashes could be turned into a traversal by a later decoder: refuse them.
  return decoded !== "." && decoded !== ".." && !decoded.includes("/") && !decoded.includes("\\");
}

/**
 * The contract allows "the same base string, or that base plus dynamic path segments". We read that as:
 * exactly the base, or base + "/" + one or more non-empty, non-dot path segments, with no query or fragment
 * added and (checked again after parsing) the same origin.
 */
export function matchesApprovedBase(candidate: string, base: string): boolean {
  if (candidate === base) return true;
  const baseUrl = parseHttpUrl(base);
  const candidateUrl = parseHttpUrl(candidate);
  if (!baseUrl || !candidateUrl) return false;
  if (baseUrl.search || baseUrl.hash) return false; // a base with a query only ever matches exactly
  const prefix = base.endsWith("/") ? base : `${base}/`;
  if (!candidate.startsWith(prefix)) return false;
  const rest = candidate.slice(prefix.length);
  if (!rest.split("/").every(safeSegment)) return false;
  return candidateUrl.origin === baseUrl.origin;
}
