"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { changeStaffRoleAction, createStaffAction, resetStaffPasswordAction, setStaffActiveAction } from "@/app/(portal)/staff/actions";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { formStateOf, type FormFailure } from "@/lib/forms/result";
import { Alert } from "./ui/alert";
import { Button, SubmitButton } from "./ui/button";
import { Field } from "./ui/field";
import { LocalTime } from "./local-time";

// Offered in this order: the usual choice first.
const NEW_STAFF_ROLES = ["hr", "viewer", "admin"] as const satisfies readonly StaffRole[];

// The actions answer keys of staff.errors (the form schema's, lib/auth/password-policy.ts); the data layer's
// refusals and staffAction's generic messages come as sentences and are shown as sent.
const ERROR_KEYS = [
  "invalidEmail",
  "enterName",
  "nameTooLong",
  "tooShort",
  "tooLong",
  "lettersAndDigit",
  "moreVariety",
  "containsEmail",
  "emailTaken",
  "resetSelf",
  "staffGone",
  "changeSelf",
  "lastAdmin",
] as const;
type ErrorKey = (typeof ERROR_KEYS)[number];

function useSay() {
  const t = useTranslations("staff");
  return (message: string) => ((ERROR_KEYS as readonly string[]).includes(message) ? t(`errors.${message as ErrorKey}`) : message);
}

function Failure({ failed, className }: { failed: FormFailure | null; className?: string }) {
  const say = useSay();
  return failed ? (
    <Alert tone="error" className={className}>
      {say(failed.error)}
    </Alert>
  ) : null;
}

export function CreateStaffForm({ hours }: { hours: number }) {
  const t = useTranslations("staff");
  const roleName = useTranslations("role");
  const say = useSay();
  const [state, action, pending] = useActionState(createStaffAction, null);
  // A refused submission shows what was typed again; the password never comes back (lib/forms/result.ts),
  // and a saved one clears the form.
  const { failed, values, errors } = formStateOf(state);
  return (
    <form action={action} className="mt-4 grid max-w-xl gap-4" noValidate>
      {state?.ok && <Alert tone="success">{t("add.created", { email: state.data.email, hours })}</Alert>}
      <Failure failed={failed?.fieldErrors ? null : failed} />
      <Field id="new-email" name="email" label={t("add.email")} type="email" defaultValue={values.email} errors={errors.email?.map(say)} />
      <Field id="new-name" name="name" label={t("add.name")} defaultValue={values.name} errors={errors.name?.map(say)} />
      <Field as="select" id="new-role" name="role" label={t("add.role")} defaultValue={values.role ?? "hr"} errors={errors.role?.map(say)}>
        {NEW_STAFF_ROLES.map((role) => (
          <option key={role} value={role}>
            {roleName(role)} — {t(`roleDescriptions.${role}`)}
          </option>
        ))}
      </Field>
      <Field
        id="new-password"
        name="password"
        label={t("add.password")}
        type="password"
        autoComplete="new-password"
        hint={t("add.passwordHint", { hours })}
        errors={errors.password?.map(say)}
      />
      <div>
        <SubmitButton size="md" pending={pending} pendingLabel={t("add.submitting")}>
          {t("add.submit")}
        </SubmitButton>
      </div>
    </form>
  );
}

type RowProps = { staffId: string; name: string; role: string; active: boolean; secondFactor: boolean; hours: number };

export function StaffRowActions({ staffId, name, role, active, secondFactor, hours }: RowProps) {
  const t = useTranslations("staff");
  const roleName = useTranslations("role");
  const [roleState, roleAction, rolePending] = useActionState(changeStaffRoleAction, null);
  const [activeState, activeAction, activePending] = useActionState(setStaffActiveAction, null);
  const [resetState, resetAction, resetPending] = useActionState(resetStaffPasswordAction, null);
  const failed = formStateOf(roleState).failed ?? formStateOf(activeState).failed ?? formStateOf(resetState).failed;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="staffId" value={staffId} />
        <label className="sr-only" htmlFor={`role-${staffId}`}>
          {t("row.roleOf", { name })}
        </label>
        <select id={`role-${staffId}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 px-2 py-1">
          {STAFF_ROLES.map((option) => (
            <option key={option} value={option}>
              {roleName(option)}
            </option>
          ))}
        </select>
        <Button type="submit" size="xs" disabled={rolePending} aria-label={t("row.saveRoleOf", { name })}>
          {t("row.saveRole")}
        </Button>
      </form>
      <span data-active={active} className={active ? "text-green-800" : "text-slate-500"}>
        {active ? t("row.active") : t("row.deactivated")}
      </span>
      {secondFactor && <span className="text-slate-600">{t("row.secondFactorOn")}</span>}
      <form action={activeAction}>
        <input type="hidden" name="staffId" value={staffId} />
        <input type="hidden" name="active" value={active ? "false" : "true"} />
        <Button type="submit" size="xs" disabled={activePending}>
          {active ? t("row.deactivate", { name }) : t("row.reactivate", { name })}
        </Button>
      </form>
      <details className="w-full sm:w-auto">
        <summary className="cursor-pointer text-sm text-slate-700">{t("reset.open", { name })}</summary>
        <form action={resetAction} className="mt-2 grid gap-2">
          <input type="hidden" name="staffId" value={staffId} />
          <p className="text-sm text-slate-600">{t("reset.explain", { hours })}</p>
          {secondFactor && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="resetSecondFactor" />
              {t("reset.alsoSecondFactor")}
            </label>
          )}
          <div>
            <SubmitButton size="xs" variant="danger" pending={resetPending} pendingLabel={t("reset.submitting")}>
              {t("reset.submit", { name })}
            </SubmitButton>
          </div>
        </form>
      </details>
      {resetState?.ok && (
        <Alert tone="warning" as="div" className="w-full">
          <p>{t("reset.issued", { email: resetState.data.email })}</p>
          <p className="mt-1 font-mono text-base break-all" data-testid="temporary-password">
            {resetState.data.temporaryPassword}
          </p>
          <p className="mt-1">{t.rich("reset.expires", { date: () => <LocalTime value={resetState.data.expiresAt} /> })}</p>
        </Alert>
      )}
      <Failure failed={failed} className="w-full" />
    </div>
  );
}
