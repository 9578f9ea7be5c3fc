// The zod enums of the portal's vocabularies, each derived from its Prisma enum. Server-side input
// parsing only: kept apart from the label modules so client code that reads labels does not pull in zod.
import { z } from "zod";
import { IdType, Provider, StaffRole } from "@/lib/generated/prisma/enums";

export const staffRoleSchema = z.enum(StaffRole, { error: "Choose a role." });
export const providerSchema = z.enum(Provider, { error: "Choose Veriff or BankID." });
export const idTypeSchema = z.enum(IdType, { error: "Choose which ID document the employee has." });
