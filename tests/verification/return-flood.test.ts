// Attack: anyone holding a session's reference replays /return/<reference> with ~16 KB of made-up query,
// again and again. Only a bounded number of returns is kept as events (the rest are counted), and each one
// is capped in keys and size.
process.env.RATE_LIMIT_RETURN_ADDRESS = "1000/60";

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createEmployee } from "../support/db";
import { GET as returnRoute } from "@/app/return/[reference]/route";
import { RETURN_EVENTS_KEPT, RETURN_QUERY_MAX_BYTES, RETURN_QUERY_MAX_KEYS } from "@/lib/verification/status-refresh";

async function session() {
  const employee = await createEmployee();
  return prisma().verificationSession.create({
    data: {
      reference: randomBytes(24).toString("base64url"),
      employeeId: employee.id,
      provider: "bankid",
      status: "pending",
      returnUrl: "http://portal.test/r",
    },
  });
}

const hit = (reference: string, query: string) =>
  returnRoute(new Request(`http://portal.test/return/${reference}?${query}`, { headers: { "x-forwarded-for": `198.51.100.${randomBytes(1)[0]}` } }), {
    params: Promise.resolve({ reference }),
  });

describe("return flood", () => {
  it("keeps a bounded number of returns per session as events and counts the rest", async () => {
    const target = await session();
    for (let i = 0; i < 30; i++) expect((await hit(target.reference, `status=approved&n=${i}`)).status).toBe(303);
    const events = await prisma().sessionEvent.count({ where: { sessionId: target.id, type: "redirect_received" } });
    expect(events).toBe(RETURN_EVENTS_KEPT);
    expect(RETURN_EVENTS_KEPT).toBeLessThanOrEqual(20);
    const row = await prisma().verificationSession.findUniqueOrThrow({ where: { id: target.id } });
    expect(row.returnsReceived).toBe(30);
  });

  it("caps the keys and the total size of one recorded query", async () => {
    const target = await session();
    const junk = Array.from({ length: 200 }, (_, i) => `k${i}=${"x".repeat(400)}`).join("&");
    expect(junk.length).toBeGreaterThan(16_000);
    await hit(target.reference, junk);
    const [event] = await prisma().sessionEvent.findMany({ where: { sessionId: target.id, type: "redirect_received" } });
    const data = event.data as { query: Record<string, unknown>; truncated?: boolean };
    expect(Object.keys(data.query).length).toBeLessThanOrEqual(RETURN_QUERY_MAX_KEYS);
    expect(JSON.stringify(data.query).length).toBeLessThanOrEqual(RETURN_QUERY_MAX_BYTES);
    expect(data.truncated).toBe(true);
  });
});
