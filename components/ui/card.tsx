import type { ComponentProps, ReactNode } from "react";

/** A white, bordered page section labelled by its heading; `actions` sit to the right of the title (below it at 360 px). */
export function Card({
  title,
  headingId,
  subtitle,
  actions,
  className,
  children,
  ...props
}: Omit<ComponentProps<"section">, "title"> & { title: ReactNode; headingId: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <section
      className={["mt-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6", className].filter(Boolean).join(" ")}
      aria-labelledby={headingId}
      {...props}
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            {title}
          </h2>
          {subtitle && <p className="mt-1 text-xs text-slate-500">{subtitle}</p>}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}
