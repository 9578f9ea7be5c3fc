"use client";

import { useActionState, useState } from "react";
import { addEmployeeAction } from "@/app/(portal)/employees/new/actions";
import { BANK_MODES, type BankMode } from "@/lib/employees/form";
import { formStateOf } from "@/lib/forms/result";
import { FailureAlert } from "./ui/alert";
import { SubmitButton } from "./ui/button";
import { Field, FieldError } from "./ui/field";

const BANK_MODE_LABELS: Record<BankMode, string> = {
  none: "Not now",
  domestic: "Norwegian account",
  international: "International (IBAN + BIC)",
};

const asBankMode = (value: string | undefined): BankMode => ((BANK_MODES as readonly string[]).includes(value ?? "") ? (value as BankMode) : "none");

export function AddEmployeeForm() {
  const [state, action, pending] = useActionState(addEmployeeAction, null);
  const { failed, values, errors } = formStateOf(state);
  // Which bank fields to show: follows the radios, and after a failed submit the mode that was sent.
  const [bankMode, setBankMode] = useState<BankMode>("none");
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setBankMode(asBankMode(values.bankMode));
  }
  const field = (name: keyof typeof errors & string) => ({ name, errors: errors[name], defaultValue: values[name], marked: true });

  return (
    <form action={action} className="mt-6 max-w-2xl space-y-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6" noValidate>
      <FailureAlert failure={failed} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          {...field("email")}
          className="sm:col-span-2"
          label="Email"
          type="email"
          inputMode="email"
          required
          hint="EasyFreelance matches on email: an existing EasyFreelance user with this email is linked, not created again."
        />
        <Field {...field("firstName")} label="First name" />
        <Field {...field("lastName")} label="Last name" />
        <Field
          {...field("internalId")}
          label="Internal id"
          inputMode="numeric"
          hint="Your own employee number (digits only), unique among your employees."
        />
        <Field {...field("phone")} label="Phone" type="tel" inputMode="tel" hint="4 to 15 digits, no spaces or +." />
      </div>

      <fieldset>
        <legend className="text-sm font-medium">Bank details</legend>
        <p className="mt-1 text-xs text-slate-500">A Norwegian account number, or an IBAN with its BIC for a foreign account — never both.</p>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          {BANK_MODES.map((mode) => (
            <label key={mode} className="flex items-center gap-2">
              <input
                type="radio"
                name="bankMode"
                value={mode}
                defaultChecked={mode === asBankMode(values.bankMode)}
                onChange={() => setBankMode(mode)}
              />
              {BANK_MODE_LABELS[mode]}
            </label>
          ))}
        </div>
        <FieldError id="bankMode-error" errors={errors.bankMode} />
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {bankMode === "domestic" && (
            <Field
              {...field("bankAccountNumber")}
              className="sm:col-span-2"
              label="Account number"
              inputMode="numeric"
              required
              hint="11 digits, e.g. 1234.56.78903."
            />
          )}
          {bankMode === "international" && (
            <>
              <Field {...field("bankIban")} label="IBAN" required />
              <Field {...field("bankBic")} label="BIC" required hint="8 or 11 letters and digits." />
            </>
          )}
        </div>
      </fieldset>

      <SubmitButton end size="md" pending={pending} pendingLabel="Saving…">
        Add employee
      </SubmitButton>
    </form>
  );
}
