"use client";

import { useActionState } from "react";
import { changeStaffRoleAction, createStaffAction, setStaffActiveAction } from "@/app/(portal)/staff/actions";
import { ROLE_DESCRIPTIONS, STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { formStateOf } from "@/lib/forms/result";
import { Alert, FailureAlert } from "./ui/alert";
import { Button, SubmitButton } from "./ui/button";
import { Field } from "./ui/field";

// Offered in this order: the usual choice first.
const NEW_STAFF_ROLES = Object.keys(ROLE_DESCRIPTIONS) as StaffRole[];

export function CreateStaffForm({ passwordRule }: { passwordRule: string }) {
  const [state, action, pending] = useActionState(createStaffAction, null);
  // A refused submission shows what was typed again; the password never comes back (lib/forms/result.ts),
  // and a saved one clears the form.
  const { failed, values, errors } = formStateOf(state);
  return (
    <form action={action} className="mt-4 grid max-w-xl gap-4" noValidate>
      {state?.ok && (
        <Alert tone="success">{state.data.email} can now sign in with the password you chose. Give it to them in person or by phone.</Alert>
      )}
      <FailureAlert failure={failed?.fieldErrors ? null : failed} />
      <Field id="new-email" name="email" label="Email" type="email" defaultValue={values.email} errors={errors.email} />
      <Field id="new-name" name="name" label="Name" defaultValue={values.name} errors={errors.name} />
      <Field as="select" id="new-role" name="role" label="Role" defaultValue={values.role ?? "hr"} errors={errors.role}>
        {NEW_STAFF_ROLES.map((role) => (
          <option key={role} value={role}>
            {role} — {ROLE_DESCRIPTIONS[role]}
          </option>
        ))}
      </Field>
      <Field
        id="new-password"
        name="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        hint={passwordRule}
        errors={errors.password}
      />
      <div>
        <SubmitButton size="md" pending={pending} pendingLabel="Adding…">
          Add staff member
        </SubmitButton>
      </div>
    </form>
  );
}

export function StaffRowActions({ staffId, name, role, active }: { staffId: string; name: string; role: string; active: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState(changeStaffRoleAction, null);
  const [activeState, activeAction, activePending] = useActionState(setStaffActiveAction, null);
  const failed = formStateOf(roleState).failed ?? formStateOf(activeState).failed;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="staffId" value={staffId} />
        <label className="sr-only" htmlFor={`role-${staffId}`}>
          Role of {name}
        </label>
        <select id={`role-${staffId}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 px-2 py-1">
          {STAFF_ROLES.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <Button type="submit" size="xs" disabled={rolePending} aria-label={`Save role of ${name}`}>
          Save role
        </Button>
      </form>
      <span data-active={active} className={active ? "text-green-800" : "text-slate-500"}>
        {active ? "Active" : "Deactivated"}
      </span>
      <form action={activeAction}>
        <input type="hidden" name="staffId" value={staffId} />
        <input type="hidden" name="active" value={active ? "false" : "true"} />
        <Button type="submit" size="xs" disabled={activePending}>
          {active ? `Deactivate ${name}` : `Reactivate ${name}`}
        </Button>
      </form>
      <FailureAlert failure={failed} className="w-full" />
    </div>
  );
}
