import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: [".next/**", "lib/generated/**", ".data/**", "node_modules/**", "playwright-report/**", "test-results/**", "next-env.d.ts"] },
  {
    // Product code never reaches into the sandbox: it talks to it over HTTP like to EasyFreelance.
    files: ["app/**", "components/**", "lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/sandbox/**", "@/sandbox/**"], message: "The sandbox is not part of the product." }] },
      ],
    },
  },
];

export default config;
