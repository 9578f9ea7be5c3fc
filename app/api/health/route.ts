// A trivial route handler: liveness for deployments, and the Next.js floor the status route is benchmarked against.
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
