import type { ComponentProps } from "react";

const join = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(" ");

/**
 * A full-width data table in a bordered, horizontally scrolling frame (usable at 360 px). The frame is
 * `relative` so absolutely positioned content (screen-reader-only headers) stays inside it instead of
 * widening the page. With `cards`, rows become stacked cards below `md` instead (each cell on its own line,
 * labelled by its column through Td's `label`), for lists whose actions must stay reachable on a phone.
 */
export function Table({ className, children, cards, ...props }: ComponentProps<"table"> & { cards?: boolean }) {
  return (
    <div
      className={join(
        cards
          ? "md:relative md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:bg-white"
          : "relative overflow-x-auto rounded-lg border border-slate-200 bg-white",
        className,
      )}
    >
      <table className={join(cards ? "block w-full md:table md:min-w-full" : "min-w-full", "divide-y divide-slate-200 text-sm")} {...props}>
        {children}
      </table>
    </div>
  );
}

/** The header row: `<TableHead><Th>…</Th></TableHead>`. With `cards` it shows from `md` up (cells carry their labels below). */
export function TableHead({ compact, cards, children }: { compact?: boolean; cards?: boolean; children: React.ReactNode }) {
  return (
    <thead
      className={join(compact ? "text-left text-xs text-slate-500" : "bg-slate-50 text-left text-slate-600", cards && "hidden md:table-header-group")}
    >
      <tr>{children}</tr>
    </thead>
  );
}

export function TableBody({ cards, className, ...props }: ComponentProps<"tbody"> & { cards?: boolean }) {
  return (
    <tbody
      className={join(
        cards ? "block space-y-3 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-100" : "divide-y divide-slate-100",
        className,
      )}
      {...props}
    />
  );
}

/** A row that is a card below `md` (in a `cards` table). */
export function CardRow({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr
      className={join("block rounded-lg border border-slate-200 bg-white p-3 md:table-row md:rounded-none md:border-0 md:p-0", className)}
      {...props}
    />
  );
}

// Cell padding: `dense` for long lists (the audit trail), `compact` for tables inside a card (events).
const PAD = { normal: "px-4 py-3", dense: "px-4 py-2", compact: "py-1 pr-4" } as const;
// The same from `md` up, for cells of a `cards` table (literal classes: Tailwind only sees whole names).
const MD_PAD = { normal: "md:px-4 md:py-3", dense: "md:px-4 md:py-2", compact: "md:py-1 md:pr-4" } as const;
type Pad = { pad?: keyof typeof PAD };

export function Th({ pad = "normal", className, ...props }: ComponentProps<"th"> & Pad) {
  return <th scope="col" className={join(PAD[pad], "font-medium", className)} {...props} />;
}

/** A cell; with `label` (in a `cards` table) it is one labelled line of the row's card below `md`. */
export function Td({ pad = "normal", label, className, ...props }: ComponentProps<"td"> & Pad & { label?: string }) {
  if (label === undefined) return <td className={join(PAD[pad], className)} {...props} />;
  return (
    <td
      data-label={label || undefined}
      className={join(
        "block py-1 md:table-cell",
        label && "before:block before:text-xs before:text-slate-500 before:content-[attr(data-label)] md:before:content-none",
        MD_PAD[pad],
        className,
      )}
      {...props}
    />
  );
}
