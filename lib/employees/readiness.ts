import "server-only";
import { readinessSources } from "@/lib/db/readiness";
import { readinessOf, type Readiness } from "@/lib/verification/readiness";

/** The readiness of a page of employees (the list's column), by id: one query for the page. */
export async function readinessByEmployee(ids: readonly string[]): Promise<Map<string, Readiness>> {
  const sources = await readinessSources(ids);
  return new Map([...sources].map(([id, source]) => [id, readinessOf(source)]));
}
