"use client";

import Link from "next/link";
import { startTransition, useActionState, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { editEmployeeAction, eraseEmployeeAction, relinkEmployeeAction, setEmployeeArchivedAction } from "@/app/(portal)/employees/[id]/actions";
import type { EditEmployeeField } from "@/lib/employees/form";
import { FieldError } from "./field-error";

type Employee = {
  id: string;
  name: string;
  email: string;
  firstName: string;
  lastName: string;
  internalId: string;
  efUserId: number;
  archived: boolean;
};

const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-500";
const openClass = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50";
const primaryClass = "rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60";
const dangerClass = "rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60";
const alertClass = "mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800";
const statusClass = "mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900";

/** A button that opens a modal dialog titled `title`; the dialog has its own Close. */
function CorrectionDialog({ label, title, danger, children }: { label: string; title: string; danger?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <button type="button" onClick={() => ref.current?.showModal()} className={danger ? "rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50" : openClass}>
        {label}
      </button>
      <dialog ref={ref} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-0 text-left shadow-xl backdrop:bg-slate-900/40">
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {children}
          <div className="mt-4 flex justify-end">
            <button type="button" onClick={() => ref.current?.close()} className="text-sm text-slate-700 underline hover:text-slate-950">
              Close
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}

export function CorrectionDialogs({ employee, canErase }: { employee: Employee; canErase: boolean }) {
  return (
    <div className="mt-4 flex flex-wrap gap-2">
      <CorrectionDialog label="Edit details" title={`Edit details of ${employee.name}`}>
        <EditForm employee={employee} />
      </CorrectionDialog>
      <CorrectionDialog label="Relink" title={`Relink ${employee.name}`}>
        <RelinkForm employee={employee} />
      </CorrectionDialog>
      {!employee.archived && (
        <CorrectionDialog label="Archive" title={`Archive ${employee.name}`}>
          <ArchiveForm employee={employee} />
        </CorrectionDialog>
      )}
      {/* When archived, Unarchive sits in the page's Archived notice. */}
      {canErase && (
        <CorrectionDialog label="Erase" title={`Erase ${employee.name}`} danger>
          <EraseForm employee={employee} />
        </CorrectionDialog>
      )}
    </div>
  );
}

function EditForm({ employee }: { employee: Employee }) {
  const [state, action, pending] = useActionState(editEmployeeAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const values: Record<string, string> = failed?.values ?? { firstName: employee.firstName, lastName: employee.lastName, email: employee.email, internalId: employee.internalId };
  const idPrefix = useId();

  // Submitted by hand so React does not reset the form after a failed attempt (as Add employee does).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => action(formData));
  }

  function field(name: EditEmployeeField, label: string, options: { type?: string; inputMode?: "numeric" | "email"; required?: boolean; hint?: string } = {}) {
    const id = `${idPrefix}-${name}`;
    const fieldErrors = errors[name];
    const describedBy = [options.hint ? `${id}-hint` : "", fieldErrors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
          {options.required ? <span className="text-red-700"> *</span> : <span className="font-normal text-slate-500"> (optional)</span>}
        </label>
        <input
          id={id}
          name={name}
          type={options.type ?? "text"}
          inputMode={options.inputMode}
          autoComplete="off"
          defaultValue={values[name]}
          required={options.required}
          aria-invalid={fieldErrors?.length ? true : undefined}
          aria-describedby={describedBy}
          className={inputClass}
        />
        {options.hint && (
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
            {options.hint}
          </p>
        )}
        <FieldError id={`${id}-error`} errors={fieldErrors} />
      </div>
    );
  }

  return (
    <form action={action} onSubmit={submit} noValidate className="mt-3 space-y-4">
      <p className="text-sm text-slate-600">
        Changes the portal&apos;s own copy only. EasyFreelance keeps its own copy of these details, which this does not change.
      </p>
      <input type="hidden" name="employeeId" value={employee.id} />
      {failed && (
        <p role="alert" className={alertClass}>
          {failed.error}
        </p>
      )}
      {state?.ok && (
        <p role="status" className={statusClass}>
          {state.data.changed.length ? `Saved: changed ${state.data.changed.join(", ")}.` : "Nothing changed."}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {field("firstName", "First name")}
        {field("lastName", "Last name")}
        <div className="sm:col-span-2">{field("email", "Email", { type: "email", inputMode: "email", required: true, hint: "Relink sends this email to EasyFreelance." })}</div>
        {field("internalId", "Internal id", { inputMode: "numeric", hint: "Digits only." })}
      </div>
      <div className="flex justify-end">
        <button type="submit" disabled={pending} className={primaryClass}>
          {pending ? "Saving…" : "Save details"}
        </button>
      </div>
    </form>
  );
}

function RelinkForm({ employee }: { employee: Employee }) {
  const [state, action, pending] = useActionState(relinkEmployeeAction, null);
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="employeeId" value={employee.id} />
      <p className="text-slate-600">
        Asks EasyFreelance to link its user with the email <strong className="break-all">{employee.email}</strong> to this partner (or to
        create one), as Add employee does, and keeps the id it answers on this employee. Their verification history stays here. Now linked to
        EasyFreelance user <span className="tabular-nums">{employee.efUserId}</span>.
      </p>
      {state && !state.ok && (
        <div role="alert" className={alertClass}>
          <p>{state.error}</p>
          {state.link && (
            <p className="mt-1">
              <Link href={state.link.href} className="font-medium underline">
                {state.link.label}
              </Link>
            </p>
          )}
        </div>
      )}
      {state?.ok && (
        <p role="status" className={statusClass}>
          {state.data.fromEfUserId === state.data.toEfUserId
            ? `Linked again to EasyFreelance user ${state.data.toEfUserId} (the same id).`
            : `Linked to EasyFreelance user ${state.data.toEfUserId} (was ${state.data.fromEfUserId}).`}
        </p>
      )}
      <div className="flex justify-end">
        <button type="submit" disabled={pending} className={primaryClass}>
          {pending ? "Asking EasyFreelance…" : "Relink with EasyFreelance"}
        </button>
      </div>
    </form>
  );
}

function ArchiveForm({ employee }: { employee: Employee }) {
  const [state, action, pending] = useActionState(setEmployeeArchivedAction, null);
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="employeeId" value={employee.id} />
      <input type="hidden" name="archived" value="true" />
      <p className="text-slate-600">
        Hides {employee.name} from the Employees list and stops new verifications. Their history stays, their page still opens, and you can
        unarchive them at any time. EasyFreelance is not told.
      </p>
      {state && !state.ok && (
        <p role="alert" className={alertClass}>
          {state.error}
        </p>
      )}
      <div className="flex justify-end">
        <button type="submit" disabled={pending} className={primaryClass}>
          {pending ? "Archiving…" : "Archive employee"}
        </button>
      </div>
    </form>
  );
}

export function UnarchiveButton({ employeeId }: { employeeId: string }) {
  const [state, action, pending] = useActionState(setEmployeeArchivedAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <input type="hidden" name="employeeId" value={employeeId} />
      <input type="hidden" name="archived" value="false" />
      <button type="submit" disabled={pending} className={openClass}>
        {pending ? "Unarchiving…" : "Unarchive"}
      </button>
      {state && !state.ok && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
    </form>
  );
}

function EraseForm({ employee }: { employee: Employee }) {
  const [state, action, pending] = useActionState(eraseEmployeeAction, null);
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const failed = state && !state.ok ? state : null;
  const matches = typed.trim().toLowerCase() === employee.name.toLowerCase();
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="employeeId" value={employee.id} />
      <p className="text-slate-700">
        For data protection: deletes {employee.name} from this portal with every verification session and its events, and removes the
        details from the audit records about them. The audit keeps one record that an employee was erased, by whom and when. This cannot be
        undone.
      </p>
      <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
        <strong>EasyFreelance is not touched:</strong> the person&apos;s EasyFreelance account and their verification remain there. To erase
        them in EasyFreelance too, contact EasyFreelance.
      </p>
      {failed && (
        <p role="alert" className={alertClass}>
          {failed.error}
        </p>
      )}
      <div>
        <label htmlFor={inputId} className="block font-medium">
          Type <span className="font-semibold">{employee.name}</span> to confirm
        </label>
        <input
          id={inputId}
          name="confirmName"
          autoComplete="off"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-invalid={failed?.fieldErrors?.confirmName ? true : undefined}
          aria-describedby={failed?.fieldErrors?.confirmName ? `${inputId}-error` : undefined}
          className={inputClass}
        />
        <FieldError id={`${inputId}-error`} errors={failed?.fieldErrors?.confirmName} />
      </div>
      <div className="flex justify-end">
        <button type="submit" disabled={pending || !matches} className={dangerClass}>
          {pending ? "Erasing…" : "Erase employee"}
        </button>
      </div>
    </form>
  );
}
