"use client";

import { useActionState, useId, useState } from "react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("corrections");
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
      <p className="text-sm text-slate-600">{t("editExplain")}</p>
      <input type="hidden" name="employeeId" value={employee.id} />
      <FailureAlert failure={failed} className="mt-4" />
      {state?.ok && (
        <Alert tone="success" className="mt-4">
          {state.data.changed.length ? t("saved", { fields: state.data.changed.join(", ") }) : t("nothingChanged")}
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field {...field("firstName")} label={t("firstName")} />
        <Field {...field("lastName")} label={t("lastName")} />
        <Field {...field("email")} className="sm:col-span-2" label={t("email")} type="email" inputMode="email" required hint={t("emailHint")} />
        <Field {...field("internalId")} label={t("internalId")} inputMode="numeric" hint={t("internalIdHint")} />
      </div>
      <SubmitButton end pending={pending} pendingLabel={t("saving")}>
        {t("saveDetails")}
      </SubmitButton>
    </form>
  );
}

export function RelinkForm({ employee }: Props) {
  const t = useTranslations("corrections");
  const [state, action, pending] = useActionState(relinkEmployeeAction, null);
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="employeeId" value={employee.id} />
      <p className="text-slate-600">
        {t.rich("relinkExplain", {
          email: () => <strong className="break-all">{employee.email}</strong>,
          id: () => <span className="tabular-nums">{employee.efUserId}</span>,
        })}
      </p>
      <FailureAlert failure={formStateOf(state).failed} className="mt-4" />
      {state?.ok && (
        <Alert tone="success" className="mt-4">
          {state.data.fromEfUserId === state.data.toEfUserId
            ? t("relinkedSame", { to: state.data.toEfUserId })
            : t("relinked", { to: state.data.toEfUserId, from: state.data.fromEfUserId })}
        </Alert>
      )}
      <SubmitButton end pending={pending} pendingLabel={t("asking")}>
        {t("relinkSubmit")}
      </SubmitButton>
    </form>
  );
}

export function ArchiveForm({ employee }: Props) {
  const t = useTranslations("corrections");
  const [state, action, pending] = useActionState(setEmployeeArchivedAction, null);
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="employeeId" value={employee.id} />
      <input type="hidden" name="archived" value="true" />
      <p className="text-slate-600">{t("archiveExplain", { name: employee.name })}</p>
      <FailureAlert failure={formStateOf(state).failed} className="mt-4" />
      <SubmitButton end pending={pending} pendingLabel={t("archiving")}>
        {t("archiveSubmit")}
      </SubmitButton>
    </form>
  );
}

/** Erase: enabled only once the employee's name is typed (controlled for that, and kept after a refusal). */
export function EraseForm({ employee }: Props) {
  const t = useTranslations("corrections");
  const [state, action, pending] = useActionState(eraseEmployeeAction, null);
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const { failed, errors } = formStateOf(state);
  const matches = typed.trim().toLowerCase() === employee.name.toLowerCase();
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="employeeId" value={employee.id} />
      <p className="text-slate-700">{t("eraseExplain", { name: employee.name })}</p>
      <Alert tone="warning" role="none">
        {t.rich("eraseWarning", { strong: (chunks) => <strong>{chunks}</strong> })}
      </Alert>
      <FailureAlert failure={failed} className="mt-4" />
      <Field
        id={inputId}
        name="confirmName"
        label={t.rich("eraseConfirm", { name: () => <span className="font-semibold">{employee.name}</span> })}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        errors={errors.confirmName}
      />
      <SubmitButton end variant="danger" pending={pending} pendingLabel={t("erasing")} disabled={!matches}>
        {t("eraseSubmit")}
      </SubmitButton>
    </form>
  );
}
