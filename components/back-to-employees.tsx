import Link from "next/link";

/** The "← Employees" link above a page that belongs to the list. */
export function BackToEmployees() {
  return (
    <p className="text-sm">
      <Link href="/employees" className="text-slate-600 underline hover:text-slate-950">
        ← Employees
      </Link>
    </p>
  );
}
