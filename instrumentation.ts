// Runs once when a server instance starts. The check itself lives in instrumentation-node.ts and is
// imported only on Node.js: the build also compiles this file for the Edge runtime, where process.exit
// does not exist (Next's documented pattern for Node-only instrumentation).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration } = await import("./instrumentation-node");
    checkConfiguration();
  }
}
