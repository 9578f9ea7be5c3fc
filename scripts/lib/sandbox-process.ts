// The EasyFreelance sandbox in its own process, for startStack's `sandbox.ownProcess` (the benchmarks: its
// work then never skews the load generator's clock). Options come as JSON in SANDBOX_OPTIONS; without a
// dataFile its state is in memory (no state file rewritten on every flow). Reports its URLs over IPC.
import { startSandbox, type SandboxOptions } from "../../sandbox/server";

const sandbox = await startSandbox(JSON.parse(process.env.SANDBOX_OPTIONS ?? "{}") as SandboxOptions);
process.send?.({ url: sandbox.url, apiBaseUrl: sandbox.apiBaseUrl, smtpUrl: sandbox.smtpUrl });
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
