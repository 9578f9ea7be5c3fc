"use client";

import { useActionState, useId, useState } from "react";
import { editEmployeeAction, eraseEmployeeAction, relinkEmployeeAction, setEmployeeArchivedAction } from "@/app/(portal)/employees/[id]/actions";
import { formStateOf } from "@/lib/forms/result";
import { Alert, FailureAlert } from "./ui/alert";
import { SubmitButton } from "./ui/button";
import { Field } from "./ui/field";

export type CorrectedEmployee = {
  id: string;
  name: string;
  email: string;
  firstName: string;
  lastName: string;
  internalId: string;
  efUserId: number;
  archived: boolean;
};

type Props = { employee: CorrectedEmployee };

/** Edit details: the portal's own copy. Shows the saved values, or after a failed save what was typed. */
export function EditForm({ employee }: Props) {
  const [state, action, pending] = useActionState(editEmployeeAction, null);
  const { failed, errors } = formStateOf(state);
  const values: Record<string, string> = failed?.values ?? {
    firstName: employee.firstName,
    lastName: employee.lastName,
    email: employee.email,
    internalId: employee.internalId,
  };
  const idPrefix = useId();
  const field = (name: string) => ({ id: `${idPrefix}-${name}`, name, errors: errors[name], defaultValue: values[name], marked: true });
  return (
    <form action={action} noValidate className="mt-3 space-y-4">
      <p className="text-sm text-slate-600">
        Changes the portal&apos;s own copy only. EasyFreelance keeps its own copy of these details, which this does not change.
      </p>
      <input type="hidden" name="employeeId" value={employee.id} />
      <FailureAlert failure={failed} className="mt-4" />
      {state?.ok && (
        <Alert tone="success" className="mt-4">
          {state.data.changed.length ? `Saved: changed ${state.data.changed.join(", ")}.` : "Nothing changed."}
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field {...field("firstName")} label="First name" />
        <Field {...field("lastName")} label="Last name" />
        <Field
          {...field("email")}
          className="sm:col-span-2"
          label="Email"
          type="email"
          inputMode="email"
          required
          hint="Relink sends this email to EasyFreelance."
        />
        <Field {...field("internalId")} label="Internal id" inputMode="numeric" hint="Digits only." />
      </div>
      <SubmitButton end pending={pending} pendingLabel="Saving…">
        Save details
      </SubmitButton>
    </form>
  );
}

export function RelinkForm({ employee }: Props) {
  const [state, action, pending] = useActionState(relinkEmployeeAction, null);
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="employeeId" value={employee.id} />
      <p className="text-slate-600">
        Asks EasyFreelance to link its user with the email <strong className="break-all">{employee.email}</strong> to this partner (or to create one),
        as Add employee does, and keeps the id it answers on this employee. Their verification history stays here. Now linked to EasyFreelance user{" "}
        <span className="tabular-nums">{employee.efUserId}</span>.
      </p>
      <FailureAlert failure={formStateOf(state).failed} className="mt-4" />
      {state?.ok && (
        <Alert tone="success" className="mt-4">
          {state.data.fromEfUserId === state.data.toEfUserId
            ? `Linked again to EasyFreelance user ${state.data.toEfUserId} (the same id).`
            : `Linked to EasyFreelance user ${state.data.toEfUserId} (was ${state.data.fromEfUserId}).`}
        </Alert>
      )}
      <SubmitButton end pending={pending} pendingLabel="Asking EasyFreelance…">
        Relink with EasyFreelance
      </SubmitButton>
    </form>
  );
}

export function ArchiveForm({ employee }: Props) {
  const [state, action, pending] = useActionState(setEmployeeArchivedAction, null);
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="employeeId" value={employee.id} />
      <input type="hidden" name="archived" value="true" />
      <p className="text-slate-600">
        Hides {employee.name} from the Employees list and stops new verifications. Their history stays, their page still opens, and you can unarchive
        them at any time. EasyFreelance is not told.
      </p>
      <FailureAlert failure={formStateOf(state).failed} className="mt-4" />
      <SubmitButton end pending={pending} pendingLabel="Archiving…">
        Archive employee
      </SubmitButton>
    </form>
  );
}

/** Erase: enabled only once the employee's name is typed (controlled for that, and kept after a refusal). */
export function EraseForm({ employee }: Props) {
  const [state, action, pending] = useActionState(eraseEmployeeAction, null);
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const { failed, errors } = formStateOf(state);
  const matches = typed.trim().toLowerCase() === employee.name.toLowerCase();
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="employeeId" value={employee.id} />
      <p className="text-slate-700">
        For data protection: deletes {employee.name} from this portal with every verification session and its events, and removes the details from the
        audit records about them. The audit keeps one record that an employee was erased, by whom and when. This cannot be undone.
      </p>
      <Alert tone="warning" role="none">
        <strong>EasyFreelance is not touched:</strong> the person&apos;s EasyFreelance account and their verification remain there. To erase them in
        EasyFreelance too, contact EasyFreelance.
      </Alert>
      <FailureAlert failure={failed} className="mt-4" />
      <Field
        id={inputId}
        name="confirmName"
        label={
          <>
            Type <span className="font-semibold">{employee.name}</span> to confirm
          </>
        }
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        errors={errors.confirmName}
      />
      <SubmitButton end variant="danger" pending={pending} pendingLabel="Erasing…" disabled={!matches}>
        Erase employee
      </SubmitButton>
    </form>
  );
}
