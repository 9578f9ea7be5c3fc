"use client";

import { ErrorReference } from "@/components/error-page";

// Any error a page throws: a friendly page with the reference that matches the server's log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorReference digest={error.digest} reset={reset} />;
}
