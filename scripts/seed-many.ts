// `npm run db:seed:many -- 100000`: that many synthetic employees (about a fifth with a verification
// session) in DATABASE_URL, for trying the Employees list and benchmarks at scale. Generated inside
// PostgreSQL in a few statements (generate_series), so 100,000 rows take seconds, not minutes.
import pg from "pg";

const count = Number(process.argv[2] ?? "100000");
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: name the PostgreSQL database to seed.");
  process.exit(1);
}
if (!Number.isInteger(count) || count < 1 || count > 5_000_000) {
  console.error("Usage: npm run db:seed:many -- <count, 1..5000000>");
  process.exit(1);
}

const FIRST = [
  "Anna",
  "Ola",
  "Kari",
  "Per",
  "Ingrid",
  "Lars",
  "Maja",
  "Jonas",
  "Nora",
  "Emil",
  "Sofie",
  "Henrik",
  "Ida",
  "Magnus",
  "Thea",
  "Sander",
  "Ella",
  "Mathias",
  "Sara",
  "Kristian",
];
const LAST = [
  "Hansen",
  "Johansen",
  "Olsen",
  "Larsen",
  "Andersen",
  "Pedersen",
  "Nilsen",
  "Kristiansen",
  "Jensen",
  "Karlsen",
  "Johnsen",
  "Pettersen",
  "Eriksen",
  "Berg",
  "Haugen",
  "Hagen",
  "Johannessen",
  "Andreassen",
  "Jacobsen",
  "Dahl",
];
const STATUSES = ["pending", "approved", "approved", "approved", "declined", "cancelled", "expired"];

const client = new pg.Client({ connectionString: url });
await client.connect();
const started = performance.now();
try {
  await client.query("BEGIN");
  const { rows } = await client.query<{ next: number }>(`SELECT COALESCE(MAX("ef_user_id"), 0) + 1 AS next FROM "employees"`);
  const base = Math.max(rows[0].next, 10_000_000);
  // Seeded rows are recognisable (id prefix "seed-") and unique by EasyFreelance id.
  await client.query(
    `INSERT INTO "employees" ("id", "ef_user_id", "email", "first_name", "last_name", "internal_id", "updated_at")
     SELECT 'seed-' || ($1::int + n), $1::int + n,
            lower(f) || '.' || lower(l) || '.' || ($1::int + n) || '@seed.example',
            f, l || ' ' || to_char(n, 'FM000000'), 'EMP-' || ($1::int + n), now()
     FROM generate_series(0, $2::int - 1) AS n,
          LATERAL (SELECT ($3::text[])[1 + n % array_length($3::text[], 1)] AS f,
                          ($4::text[])[1 + (n / 20) % array_length($4::text[], 1)] AS l) AS names`,
    [base, count, FIRST, LAST],
  );
  // Every fifth employee has a session, in a spread of statuses (the triggers keep latest_status, the
  // verification fact and readiness). No upstream id: synthetic sessions are never asked about at
  // EasyFreelance (or the sandbox). Each carries the onboarding snapshot a status answer would: identity
  // missing until approved; of the approved, one in three still has terms missing (so about 6 % are ready).
  await client.query(
    `INSERT INTO "verification_sessions" ("id", "reference", "employee_id", "ef_verification_id", "provider", "status",
        "return_url", "verification_url", "expires_at", "created_at", "status_changed_at", "last_checked_at", "updated_at", "onboarding")
     SELECT 'seed-s-' || ($1::int + n), md5('seed-ref-' || ($1::int + n) || random()), 'seed-' || ($1::int + n),
            NULL, 'bankid',
            st::"VerificationStatus",
            'http://localhost/return/seed', 'http://localhost/verify/seed', now() + interval '1 hour',
            now() - (n % 1000) * interval '1 minute', now(), now(), now(),
            jsonb_build_object('steps', jsonb_build_object('id_verification', st = 'approved', 'terms', NOT (st = 'approved' AND n % 3 = 0),
                                   'profile', true, 'bank_account', true),
                               'missingSteps', CASE WHEN st <> 'approved' THEN '["id_verification"]'::jsonb
                                                    WHEN n % 3 = 0 THEN '["terms"]'::jsonb ELSE '[]'::jsonb END,
                               'isOnboarded', st = 'approved' AND n % 3 <> 0, 'idVerified', st = 'approved',
                               'statusVersion', 1, 'evaluatedAt', now())
     FROM generate_series(0, $2::int - 1, 5) AS n,
          LATERAL (SELECT ($3::text[])[1 + n % array_length($3::text[], 1)] AS st) AS s`,
    [base, count, STATUSES],
  );
  await client.query("COMMIT");
  await client.query(`ANALYZE "employees"; ANALYZE "verification_sessions"`);
} catch (error) {
  await client.query("ROLLBACK").catch(() => {});
  throw error;
} finally {
  await client.end();
}
console.log(`Seeded ${count.toLocaleString("en-GB")} employees in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
