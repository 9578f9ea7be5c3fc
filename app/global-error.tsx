"use client";

import "./globals.css";

// An error in the root layout itself: the same friendly page, with its own <html> (the layout failed).
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <main className="mx-auto max-w-xl px-6 py-16">
          <h1 className="text-xl font-semibold">Something went wrong.</h1>
          <p className="mt-3 text-slate-700">
            The portal could not finish this request. Try again; if it keeps happening, tell your administrator the reference below.
          </p>
          <p className="mt-3 text-sm text-slate-600">
            Reference: <code>{error.digest ?? "none"}</code>
          </p>
          <button type="button" className="mt-6 rounded-md bg-slate-900 px-4 py-2 font-medium text-white" onClick={() => reset()}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
