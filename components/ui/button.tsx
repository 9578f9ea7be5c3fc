import type { ComponentProps } from "react";

const VARIANTS = {
  brand: "bg-brand font-medium text-white hover:bg-brand-dark",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "bg-red-700 font-medium text-white hover:bg-red-800",
  /** Opens something dangerous (e.g. Erase's dialog) without doing it yet. */
  "danger-outline": "border border-red-300 bg-white text-red-800 hover:bg-red-50",
  dark: "bg-slate-900 font-medium text-white hover:bg-slate-800",
  link: "text-slate-700 underline hover:text-slate-950",
} as const;

const SIZES = { xs: "px-2 py-1", sm: "px-3 py-1.5 text-sm", md: "px-4 py-2" } as const;

export type ButtonVariant = keyof typeof VARIANTS;
type Style = { variant?: ButtonVariant; size?: keyof typeof SIZES; className?: string };

/** The classes of a button, for links that look like one. */
export function buttonClass({ variant = "secondary", size = "sm", className }: Style = {}): string {
  const box = variant === "link" ? "" : `inline-flex items-center justify-center rounded-md ${SIZES[size]}`;
  return [box, VARIANTS[variant], "disabled:opacity-60", className].filter(Boolean).join(" ");
}

export function Button({ variant, size, className, type = "button", ...props }: ComponentProps<"button"> & Style) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...props} />;
}

/** A form's submit button: disabled and relabelled while the action runs; `end` puts it on the right. */
export function SubmitButton({
  pending,
  pendingLabel,
  end,
  variant = "brand",
  disabled,
  ...props
}: Omit<ComponentProps<"button">, "type"> & Style & { pending: boolean; pendingLabel: string; end?: boolean }) {
  const button = (
    <Button type="submit" variant={variant} disabled={pending || disabled} {...props}>
      {pending ? pendingLabel : props.children}
    </Button>
  );
  return end ? <div className="flex justify-end">{button}</div> : button;
}
