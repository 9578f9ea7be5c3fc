import type { Instrumentation } from "next";
import { plainRequestId, writeLogLine } from "./lib/log";

// Runs once when a server instance starts. The check itself lives in instrumentation-node.ts and is
// imported only on Node.js: the build also compiles this file for the Edge runtime, where process.exit
// does not exist (Next's documented pattern for Node-only instrumentation).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration } = await import("./instrumentation-node");
    checkConfiguration();
  }
}

/**
 * Every error Next.js catches while serving a request: one JSON line with the request id (set by proxy.ts),
 * the path and the error's digest, the reference the error page shows the user. The message is logged (it
 * is scrubbed of configured secrets); the stack never reaches the user.
 */
export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const header = request.headers["x-request-id"];
  const digest = error && typeof error === "object" && "digest" in error ? String(error.digest) : undefined;
  writeLogLine(
    "error",
    "request failed",
    {
      method: request.method,
      // The path without its query string: queries (e.g. a return redirect's) are evidence, not log material.
      path: request.path.split("?")[0],
      routePath: context.routePath,
      routeType: context.routeType,
      digest,
      error: error instanceof Error ? { name: error.name, message: error.message } : typeof error,
    },
    // Only a plain id: the routes proxy.ts skips carry the caller's header as sent.
    plainRequestId(Array.isArray(header) ? header[0] : header),
  );
};
