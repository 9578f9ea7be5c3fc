"use client";

import "./globals.css";
import { ErrorReference } from "@/components/error-page";

// An error in the root layout itself: the same friendly page, with its own <html> (the layout failed).
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ErrorReference digest={error.digest} reset={reset} />
      </body>
    </html>
  );
}
