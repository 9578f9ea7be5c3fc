import type { ComponentProps, ReactNode } from "react";

export const controlClass = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-500";

/** A field's (or a fieldset's) error messages, referenced by the control's aria-describedby. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {errors.join(" ")}
    </p>
  );
}

type Common = {
  name: string;
  label: ReactNode;
  /** Defaults to `name`; give one when the same form can appear twice on a page. */
  id?: string;
  errors?: string[];
  hint?: ReactNode;
  /** Mark the label " *" when required, " (optional)" otherwise. */
  marked?: boolean;
  className?: string;
};

type Control = (ComponentProps<"input"> & { as?: "input" }) | (ComponentProps<"select"> & { as: "select" });

/**
 * Label, control and error, wired for assistive technology: the control is described by its hint and
 * its error, and marked invalid while it has one. Uncontrolled by default: pass `defaultValue` from the
 * action's `values` (lib/forms/result.ts).
 */
export function Field(props: Common & Control) {
  const { name, label, id = name, errors, hint, marked, className, ...control } = props;
  const invalid = errors?.length ? true : undefined;
  const describedBy = [hint ? `${id}-hint` : "", invalid ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const shared = { id, name, "aria-invalid": invalid, "aria-describedby": describedBy, className: controlClass };
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
        {marked && (control.required ? <span className="text-red-700"> *</span> : <span className="font-normal text-slate-500"> (optional)</span>)}
      </label>
      {control.as === "select" ? <select {...withoutAs(control)} {...shared} /> : <input autoComplete="off" {...withoutAs(control)} {...shared} />}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

function withoutAs<T extends { as?: unknown }>(control: T): Omit<T, "as"> {
  const { as: _as, ...rest } = control;
  void _as;
  return rest;
}
