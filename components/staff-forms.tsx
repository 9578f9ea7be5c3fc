"use client";

import { useActionState, useEffect, useState } from "react";
import { changeStaffRoleAction, createStaffAction, setStaffActiveAction } from "@/app/(portal)/staff/actions";
import { FieldError } from "./field-error";

const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";

export function CreateStaffForm({ passwordRule }: { passwordRule: string }) {
  const [state, action, pending] = useActionState(createStaffAction, null);
  // Controlled, so a refused submission keeps what was typed (React resets uncontrolled fields after an
  // action). The password is left uncontrolled: it is never kept, and shown nowhere after creation.
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState("hr");
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (!state?.ok) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- clearing the form once, after a save
    setEmail("");
    setName("");
    setRole("hr");
  }, [state]);

  return (
    <form action={action} className="mt-4 grid max-w-xl gap-4" noValidate>
      {state?.ok && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {state.data.email} can now sign in with the password you chose. Give it to them in person or by phone.
        </p>
      )}
      {state && !state.ok && !fieldErrors && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="new-email" className="block text-sm font-medium">Email</label>
        <input id="new-email" name="email" type="email" autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} className={inputClass} aria-describedby="new-email-error" />
        <FieldError id="new-email-error" errors={fieldErrors?.email} />
      </div>
      <div>
        <label htmlFor="new-name" className="block text-sm font-medium">Name</label>
        <input id="new-name" name="name" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} className={inputClass} aria-describedby="new-name-error" />
        <FieldError id="new-name-error" errors={fieldErrors?.name} />
      </div>
      <div>
        <label htmlFor="new-role" className="block text-sm font-medium">Role</label>
        <select id="new-role" name="role" value={role} onChange={(event) => setRole(event.target.value)} className={inputClass}>
          <option value="hr">hr — employees and verification</option>
          <option value="viewer">viewer — read only</option>
          <option value="admin">admin — everything, including staff</option>
        </select>
        <FieldError id="new-role-error" errors={fieldErrors?.role} />
      </div>
      <div>
        <label htmlFor="new-password" className="block text-sm font-medium">Initial password</label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" className={inputClass} aria-describedby="new-password-rule new-password-error" />
        <p id="new-password-rule" className="mt-1 text-xs text-slate-500">{passwordRule}</p>
        <FieldError id="new-password-error" errors={fieldErrors?.password} />
      </div>
      <div>
        <button type="submit" disabled={pending} className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
          {pending ? "Adding…" : "Add staff member"}
        </button>
      </div>
    </form>
  );
}

export function StaffRowActions({ staffId, name, role, active }: { staffId: string; name: string; role: string; active: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState(changeStaffRoleAction, null);
  const [activeState, activeAction, activePending] = useActionState(setStaffActiveAction, null);
  const error = (roleState && !roleState.ok && roleState.error) || (activeState && !activeState.ok && activeState.error) || null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="staffId" value={staffId} />
        <label className="sr-only" htmlFor={`role-${staffId}`}>Role of {name}</label>
        <select id={`role-${staffId}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 px-2 py-1">
          <option value="admin">admin</option>
          <option value="hr">hr</option>
          <option value="viewer">viewer</option>
        </select>
        <button type="submit" disabled={rolePending} className="rounded-md border border-slate-300 px-2 py-1" aria-label={`Save role of ${name}`}>
          Save role
        </button>
      </form>
      <span data-active={active} className={active ? "text-green-800" : "text-slate-500"}>{active ? "Active" : "Deactivated"}</span>
      <form action={activeAction}>
        <input type="hidden" name="staffId" value={staffId} />
        <input type="hidden" name="active" value={active ? "false" : "true"} />
        <button type="submit" disabled={activePending} className="rounded-md border border-slate-300 px-2 py-1">
          {active ? `Deactivate ${name}` : `Reactivate ${name}`}
        </button>
      </form>
      {error && <p role="alert" className="w-full text-sm text-red-800">{error}</p>}
    </div>
  );
}
