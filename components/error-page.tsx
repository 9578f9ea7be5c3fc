"use client";

import { Button } from "@/components/ui/button";

/**
 * What a user sees when a request fails: what to do, and the reference that matches the server's log line
 * (instrumentation.ts logs the digest). Production builds never send the message or stack to the browser.
 */
export function ErrorReference({ digest, reset }: { digest?: string; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-xl font-semibold">Something went wrong.</h1>
      <p className="mt-3 text-slate-700">
        The portal could not finish this request. Try again; if it keeps happening, tell your administrator the reference below.
      </p>
      <p className="mt-3 text-sm text-slate-600">
        Reference: <code>{digest ?? "none"}</code>
      </p>
      <div className="mt-6">
        <Button variant="brand" size="md" onClick={() => reset()}>
          Try again
        </Button>
      </div>
    </main>
  );
}
