import type { ComponentProps } from "react";

const join = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(" ");

/**
 * A full-width data table in a bordered, horizontally scrolling frame (usable at 360 px). The frame is
 * `relative` so absolutely positioned content (screen-reader-only headers) stays inside it instead of
 * widening the page.
 */
export function Table({ className, children, ...props }: ComponentProps<"table">) {
  return (
    <div className={join("relative overflow-x-auto rounded-lg border border-slate-200 bg-white", className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm" {...props}>
        {children}
      </table>
    </div>
  );
}

/** The header row: `<TableHead><Th>…</Th></TableHead>`. */
export function TableHead({ compact, children }: { compact?: boolean; children: React.ReactNode }) {
  return (
    <thead className={compact ? "text-left text-xs text-slate-500" : "bg-slate-50 text-left text-slate-600"}>
      <tr>{children}</tr>
    </thead>
  );
}

export function TableBody(props: ComponentProps<"tbody">) {
  return <tbody className="divide-y divide-slate-100" {...props} />;
}

// Cell padding: `dense` for long lists (the audit trail), `compact` for tables inside a card (events).
const PAD = { normal: "px-4 py-3", dense: "px-4 py-2", compact: "py-1 pr-4" } as const;
type Pad = { pad?: keyof typeof PAD };

export function Th({ pad = "normal", className, ...props }: ComponentProps<"th"> & Pad) {
  return <th scope="col" className={join(PAD[pad], "font-medium", className)} {...props} />;
}

export function Td({ pad = "normal", className, ...props }: ComponentProps<"td"> & Pad) {
  return <td className={join(PAD[pad], className)} {...props} />;
}
