import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { AddEmployeeForm } from "@/components/add-employee-form";
import { BackToEmployees } from "@/components/back-to-employees";

export const metadata: Metadata = { title: "Add employee" };

export default async function AddEmployeePage() {
  await requireStaff(CAN_VERIFY);
  return (
    <>
      <BackToEmployees />
      <h1 className="mt-2 text-2xl font-semibold">Add employee</h1>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">
        Creates the employee in EasyFreelance, or links the EasyFreelance user who already has this email, and adds them to this portal so you can
        verify them.
      </p>
      <AddEmployeeForm />
    </>
  );
}
