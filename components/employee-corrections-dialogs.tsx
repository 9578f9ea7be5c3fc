"use client";

import { useActionState, useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { setEmployeeArchivedAction } from "@/app/(portal)/employees/[id]/actions";
import { formStateOf } from "@/lib/forms/result";
import { FailureAlert } from "./ui/alert";
import { Button, SubmitButton } from "./ui/button";
import { Dialog } from "./ui/dialog";
import { ArchiveForm, EditForm, EraseForm, RelinkForm, type CorrectedEmployee } from "./employee-corrections-forms";

/** A button that opens a modal dialog titled `title`; the dialog has its own Close. */
function CorrectionDialog({ label, title, danger, children }: { label: string; title: string; danger?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button variant={danger ? "danger-outline" : "secondary"} onClick={() => ref.current?.showModal()}>
        {label}
      </Button>
      <Dialog ref={ref} title={title}>
        {children}
      </Dialog>
    </>
  );
}

export function CorrectionDialogs({ employee, canErase }: { employee: CorrectedEmployee; canErase: boolean }) {
  const t = useTranslations("corrections");
  const name = employee.name;
  return (
    <div className="mt-4 flex flex-wrap gap-2">
      <CorrectionDialog label={t("edit")} title={t("editTitle", { name })}>
        <EditForm employee={employee} />
      </CorrectionDialog>
      <CorrectionDialog label={t("relink")} title={t("relinkTitle", { name })}>
        <RelinkForm employee={employee} />
      </CorrectionDialog>
      {!employee.archived && (
        <CorrectionDialog label={t("archive")} title={t("archiveTitle", { name })}>
          <ArchiveForm employee={employee} />
        </CorrectionDialog>
      )}
      {/* When archived, Unarchive sits in the page's Archived notice. */}
      {canErase && (
        <CorrectionDialog label={t("erase")} title={t("eraseTitle", { name })} danger>
          <EraseForm employee={employee} />
        </CorrectionDialog>
      )}
    </div>
  );
}

export function UnarchiveButton({ employeeId }: { employeeId: string }) {
  const t = useTranslations("corrections");
  const [state, action, pending] = useActionState(setEmployeeArchivedAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <input type="hidden" name="employeeId" value={employeeId} />
      <input type="hidden" name="archived" value="false" />
      <SubmitButton variant="secondary" pending={pending} pendingLabel={t("unarchiving")}>
        {t("unarchive")}
      </SubmitButton>
      <FailureAlert failure={formStateOf(state).failed} />
    </form>
  );
}
