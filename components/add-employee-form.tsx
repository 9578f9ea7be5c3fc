"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { addEmployeeAction } from "@/app/(portal)/employees/new/actions";
import { BANK_MODES, type BankMode } from "@/lib/employees/form";
import { formStateOf } from "@/lib/forms/result";
import { FailureAlert } from "./ui/alert";
import { SubmitButton } from "./ui/button";
import { Field, FieldError } from "./ui/field";

// The bank choices' labels (keys chosen at run time).
const BANK_MODE_KEYS: Record<BankMode, "bankNone" | "bankDomestic" | "bankInternational"> = {
  none: "bankNone",
  domestic: "bankDomestic",
  international: "bankInternational",
};

const asBankMode = (value: string | undefined): BankMode => ((BANK_MODES as readonly string[]).includes(value ?? "") ? (value as BankMode) : "none");

export function AddEmployeeForm() {
  const t = useTranslations("addEmployee");
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
        <Field {...field("email")} className="sm:col-span-2" label={t("email")} type="email" inputMode="email" required hint={t("emailHint")} />
        <Field {...field("firstName")} label={t("firstName")} />
        <Field {...field("lastName")} label={t("lastName")} />
        <Field {...field("internalId")} label={t("internalId")} inputMode="numeric" hint={t("internalIdHint")} />
        <Field {...field("phone")} label={t("phone")} type="tel" inputMode="tel" hint={t("phoneHint")} />
      </div>

      <fieldset>
        <legend className="text-sm font-medium">{t("bank")}</legend>
        <p className="mt-1 text-xs text-slate-600">{t("bankHint")}</p>
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
              {t(BANK_MODE_KEYS[mode])}
            </label>
          ))}
        </div>
        <FieldError id="bankMode-error" errors={errors.bankMode} />
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {bankMode === "domestic" && (
            <Field
              {...field("bankAccountNumber")}
              className="sm:col-span-2"
              label={t("accountNumber")}
              inputMode="numeric"
              required
              hint={t("accountNumberHint")}
            />
          )}
          {bankMode === "international" && (
            <>
              <Field {...field("bankIban")} label="IBAN" required />
              <Field {...field("bankBic")} label="BIC" required hint={t("bicHint")} />
            </>
          )}
        </div>
      </fieldset>

      <SubmitButton end size="md" pending={pending} pendingLabel={t("saving")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
