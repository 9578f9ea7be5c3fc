import { z } from "zod";
import { VerificationStatus } from "@/lib/generated/prisma/enums";
import { READINESS_FILTERS, type EmployeeFilter, type ReadinessFilter } from "@/lib/db/employees";

/** The list's filters: the verification fact (approved = Verified, none = Not verified), a latest-attempt status, or archived. */
export const LIST_FILTERS = [...Object.values(VerificationStatus), "none", "archived"] as const satisfies readonly EmployeeFilter[];

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

// Unknown filters and page numbers are ignored rather than failing the page.
const listParamsSchema = z.object({
  q: z.preprocess(first, z.string().trim().max(100).optional().catch(undefined)).transform((q) => q || undefined),
  status: z.preprocess(first, z.enum(LIST_FILTERS).optional().catch(undefined)),
  readiness: z.preprocess(first, z.enum(READINESS_FILTERS).optional().catch(undefined)),
  page: z.preprocess(first, z.coerce.number().int().min(1).catch(1).default(1)),
  denied: z.preprocess(first, z.string().optional().catch(undefined)),
});

export type ListParams = { q?: string; status?: EmployeeFilter; readiness?: ReadinessFilter; page?: number };

export function parseListParams(raw: Record<string, string | string[] | undefined>) {
  return listParamsSchema.parse(raw);
}

/** The list's URL (or the export's) for a page, keeping the search and filter. */
export function listHref(params: ListParams, page: number, path = "/employees"): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  if (params.status) query.set("status", params.status);
  if (params.readiness) query.set("readiness", params.readiness);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
