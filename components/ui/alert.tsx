import Link from "next/link";
import type { ComponentProps } from "react";
import type { FormFailure } from "@/lib/forms/result";

const TONES = {
  error: "bg-red-50 text-red-800",
  warning: "bg-amber-50 text-amber-900",
  success: "bg-green-50 text-green-900",
  info: "bg-blue-50 text-blue-900",
  neutral: "bg-slate-100 text-slate-800",
} as const;

export type AlertTone = keyof typeof TONES;

type AlertProps = Omit<ComponentProps<"div">, "role"> & {
  tone: AlertTone;
  /** Announced at once (`alert`, an error's default), politely (`status`, the others' default), or not at all (`none`). */
  role?: "alert" | "status" | "none";
  /** `div` when it holds paragraphs. */
  as?: "p" | "div";
};

/** A message box in one of the portal's tones. */
export function Alert({ tone, as: Tag = "p", role, className, ...props }: AlertProps) {
  const announced = role ?? (tone === "error" ? "alert" : "status");
  return (
    <Tag
      role={announced === "none" ? undefined : announced}
      className={["rounded-md px-3 py-2 text-sm", TONES[tone], className].filter(Boolean).join(" ")}
      {...props}
    />
  );
}

/** A failed action's message, with the link that resolves it when there is one. */
export function FailureAlert({ failure, className }: { failure: FormFailure | null; className?: string }) {
  if (!failure) return null;
  if (!failure.link) {
    return (
      <Alert tone="error" className={className}>
        {failure.error}
      </Alert>
    );
  }
  return (
    <Alert tone="error" as="div" className={className}>
      <p>{failure.error}</p>
      <p className="mt-1">
        <Link href={failure.link.href} className="font-medium underline">
          {failure.link.label}
        </Link>
      </p>
    </Alert>
  );
}
