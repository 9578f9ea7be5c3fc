// Liveness: a trivial route handler that touches nothing (the process answers). Also the Next.js floor the
// status route is benchmarked against (bench/run.ts).
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
