// Demo data only where it belongs: `npm run db:seed` writes staff accounts with a public password, so it
// refuses what looks like a deployment (on Vercel, or a production environment) unless told `--force`.

/** Why seeding demo data is refused here, or null when it may go ahead. */
export function seedRefusal(env: Record<string, string | undefined>, args: readonly string[]): string | null {
  if (args.includes("--force")) return null;
  const reason = env.VERCEL
    ? "VERCEL is set (this is a Vercel build or deployment)"
    : env.VERCEL_ENV === "production"
      ? "VERCEL_ENV is production"
      : env.NODE_ENV === "production"
        ? "NODE_ENV is production"
        : null;
  if (!reason) return null;
  return [
    `Refusing to seed demo data: ${reason}.`,
    "The demo accounts (@demo.test) have a public password. Create the first real admin instead:",
    '  npm run admin:create -- --email you@example.no --name "Your Name"',
    "To seed anyway (a rehearsal or throw-away database): npm run db:seed -- --force",
  ].join("\n");
}
