// A staff member's language: saved on their row (migration 20261127130000), read back as a supported
// locale only, and unset until they choose.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { findStaffLocale, saveStaffLocale } from "@/lib/db/staff";
import { createStaff } from "../support/db";

describe("staff language preference", () => {
  it("is null until chosen, then follows every change", async () => {
    const staff = await createStaff("hr");
    expect(await findStaffLocale(staff.id)).toBeNull();
    await saveStaffLocale(staff.id, "nb");
    expect(await findStaffLocale(staff.id)).toBe("nb");
    await saveStaffLocale(staff.id, "en");
    expect(await findStaffLocale(staff.id)).toBe("en");
  });

  it("reads a value this version does not support as no choice (the browser's language then applies)", async () => {
    const staff = await createStaff("viewer");
    await prisma().staffUser.update({ where: { id: staff.id }, data: { locale: "de" } });
    expect(await findStaffLocale(staff.id)).toBeNull();
  });

  it("is null for a staff member who no longer exists", async () => {
    expect(await findStaffLocale("no-such-staff")).toBeNull();
  });
});
