// The zod enums of the portal's vocabularies, each derived from its Prisma enum. Server-side input
// parsing only: kept apart from the label modules so client code that reads labels does not pull in zod.
// Messages are `formErrors` keys (lib/forms/parse.ts).
import { z } from "zod";
import { IdType, Provider, StaffRole } from "@/lib/generated/prisma/enums";

export const staffRoleSchema = z.enum(StaffRole, { error: "chooseRole" });
export const providerSchema = z.enum(Provider, { error: "chooseProvider" });
export const idTypeSchema = z.enum(IdType, { error: "chooseIdType" });
