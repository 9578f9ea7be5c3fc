import type { Config } from "tailwindcss";

// Tailwind 4 reads its configuration from CSS; app/globals.css loads this file with @config
// for the few project-wide theme values kept in TypeScript.
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: "#1d4ed8", dark: "#1e3a8a" },
      },
    },
  },
} satisfies Config;
