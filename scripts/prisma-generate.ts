// `prisma generate` wrapper. Prisma 7's CLI insists on a native schema engine binary before any
// command, and downloads it when missing; generation itself never uses it. Offline (our machines)
// the download fails, so when no engine is installed we point the CLI at a placeholder file.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const placeholder = join(process.cwd(), "node_modules", ".cache", "prisma-schema-engine-placeholder");
  if (!existsSync(placeholder)) {
    mkdirSync(join(process.cwd(), "node_modules", ".cache"), { recursive: true });
    writeFileSync(placeholder, "");
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
const result = spawnSync(process.execPath, [join("node_modules", "prisma", "build", "index.js"), "generate"], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
