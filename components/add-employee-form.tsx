"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { addEmployeeAction } from "@/app/(portal)/employees/new/actions";
import type { AddEmployeeField, BankMode } from "@/lib/employees/form";
import { FieldError } from "./field-error";

const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-500";

export function AddEmployeeForm() {
  const [state, action, pending] = useActionState(addEmployeeAction, null);
  const failed = state && !state.ok ? state : null;
  const values = failed?.values ?? {};
  const errors = failed?.fieldErrors ?? {};
  const [bankMode, setBankMode] = useState<BankMode>("none");
  // After a failed submit, the mode the user had chosen comes back with the other values.
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (values.bankMode === "none" || values.bankMode === "domestic" || values.bankMode === "international") setBankMode(values.bankMode);
  }

  // Submitted by hand so React does not reset the form after a failed attempt: what was typed stays.
  // (Without JavaScript the form posts normally and the action sends the values back.)
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => action(formData));
  }

  function field(name: AddEmployeeField, label: string, options: { type?: string; hint?: string; autoComplete?: string; inputMode?: "numeric" | "tel" | "email"; required?: boolean } = {}) {
    const fieldErrors = errors[name];
    const describedBy = [options.hint ? `${name}-hint` : "", fieldErrors?.length ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
    return (
      <div>
        <label htmlFor={name} className="block text-sm font-medium">
          {label}
          {options.required ? <span className="text-red-700"> *</span> : <span className="font-normal text-slate-500"> (optional)</span>}
        </label>
        <input
          id={name}
          name={name}
          type={options.type ?? "text"}
          inputMode={options.inputMode}
          autoComplete={options.autoComplete ?? "off"}
          defaultValue={values[name]}
          required={options.required}
          aria-invalid={fieldErrors?.length ? true : undefined}
          aria-describedby={describedBy}
          className={inputClass}
        />
        {options.hint && (
          <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
            {options.hint}
          </p>
        )}
        <FieldError id={`${name}-error`} errors={fieldErrors} />
      </div>
    );
  }

  return (
    <form action={action} onSubmit={submit} className="mt-6 max-w-2xl space-y-6 rounded-lg border border-slate-200 bg-white p-6" noValidate>
      {failed && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {failed.error}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">{field("email", "Email", { type: "email", autoComplete: "off", inputMode: "email", required: true, hint: "EasyFreelance matches on email: an existing EasyFreelance user with this email is linked, not created again." })}</div>
        {field("firstName", "First name")}
        {field("lastName", "Last name")}
        {field("internalId", "Internal id", { inputMode: "numeric", hint: "Your own employee number (digits only), unique among your employees." })}
        {field("phone", "Phone", { type: "tel", inputMode: "tel", hint: "4 to 15 digits, no spaces or +." })}
      </div>

      <fieldset>
        <legend className="text-sm font-medium">Bank details</legend>
        <p className="mt-1 text-xs text-slate-500">A Norwegian account number, or an IBAN with its BIC for a foreign account — never both.</p>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          {(
            [
              ["none", "Not now"],
              ["domestic", "Norwegian account"],
              ["international", "International (IBAN + BIC)"],
            ] as const
          ).map(([mode, label]) => (
            <label key={mode} className="flex items-center gap-2">
              <input type="radio" name="bankMode" value={mode} checked={bankMode === mode} onChange={() => setBankMode(mode)} />
              {label}
            </label>
          ))}
        </div>
        <FieldError id="bankMode-error" errors={errors.bankMode} />
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {bankMode === "domestic" && <div className="sm:col-span-2">{field("bankAccountNumber", "Account number", { inputMode: "numeric", required: true, hint: "11 digits, e.g. 1234.56.78903." })}</div>}
          {bankMode === "international" && (
            <>
              {field("bankIban", "IBAN", { required: true })}
              {field("bankBic", "BIC", { required: true, hint: "8 or 11 letters and digits." })}
            </>
          )}
        </div>
      </fieldset>

      <div className="flex justify-end">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {pending ? "Saving…" : "Add employee"}
        </button>
      </div>
    </form>
  );
}
