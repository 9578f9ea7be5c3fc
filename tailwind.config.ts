import type { Config } from "tailwindcss";

// Kept only so tools that look for it find the answer: Tailwind 4 configures itself from CSS. The design
// tokens live in `@theme` in app/globals.css, and sources are detected automatically; this file is not
// loaded (no `@config`), so nothing belongs here.
export default {} satisfies Config;
