// The staff role vocabulary: one list, derived from the Prisma enum, shared by server and client code
// (no I/O and no zod here; the input schema is `staffRoleSchema` in lib/forms/enums.ts).
import { StaffRole } from "@/lib/generated/prisma/enums";

export { StaffRole };

export const STAFF_ROLES = Object.values(StaffRole) as readonly StaffRole[];

/** Every signed-in staff member. */
export const ANY_STAFF: readonly StaffRole[] = STAFF_ROLES;
/** Verify, Add employee and the corrections. */
export const CAN_VERIFY: readonly StaffRole[] = [StaffRole.admin, StaffRole.hr];
/** Staff, roles, audit trail, settings and Erase. */
export const ADMIN_ONLY: readonly StaffRole[] = [StaffRole.admin];
