// The EasyFreelance sandbox for benchmarks, in its own process (so its work never skews the load
// generator's clock) and in memory (no state file rewritten on every flow).
import { startSandbox } from "../sandbox/server";

const sandbox = await startSandbox({
  port: Number(process.env.SANDBOX_PORT),
  host: "127.0.0.1",
  approvedReturnUrls: (process.env.SANDBOX_APPROVED_RETURN_URLS ?? "").split(",").filter(Boolean),
});
process.send?.({ url: sandbox.url, apiBaseUrl: sandbox.apiBaseUrl });
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
