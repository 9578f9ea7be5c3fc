import type { ComponentProps } from "react";

const TONES = {
  neutral: "bg-slate-100 font-medium text-slate-700 ring-slate-300",
  info: "bg-blue-50 font-medium text-blue-800 ring-blue-300",
  success: "bg-green-50 font-medium text-green-800 ring-green-300",
  warning: "bg-amber-50 font-medium text-amber-800 ring-amber-300",
  danger: "bg-red-50 font-medium text-red-800 ring-red-300",
  /** The absence of something ("Not verified"). */
  muted: "text-slate-500 ring-slate-200",
} as const;

export type BadgeTone = keyof typeof TONES;

/** The portal's one badge palette (statuses, the verified fact, the return URL's approval). */
export function Badge({ tone, className, ...props }: ComponentProps<"span"> & { tone: BadgeTone }) {
  return <span className={["inline-flex rounded-full px-2 py-0.5 text-xs ring-1", TONES[tone], className].filter(Boolean).join(" ")} {...props} />;
}
