import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff, CAN_VERIFY } from "@/lib/auth/session";
import { AddEmployeeForm } from "@/components/add-employee-form";

export const metadata: Metadata = { title: "Add employee" };

export default async function AddEmployeePage() {
  await requireStaff(CAN_VERIFY);
  return (
    <>
      <p className="text-sm">
        <Link href="/employees" className="text-slate-600 underline hover:text-slate-950">
          ← Employees
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Add employee</h1>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">
        Creates the employee in EasyFreelance, or links the EasyFreelance user who already has this email, and adds them to
        this portal so you can verify them.
      </p>
      <AddEmployeeForm />
    </>
  );
}
