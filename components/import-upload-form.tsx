"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { uploadImportAction } from "@/app/(portal)/employees/import/actions";
import { formStateOf } from "@/lib/forms/result";
import { FailureAlert } from "./ui/alert";
import { SubmitButton } from "./ui/button";
import { controlClass, FieldError } from "./ui/field";

/** Choose a CSV file → the dry run (nothing is sent to EasyFreelance yet). */
export function ImportUploadForm() {
  const t = useTranslations("import");
  const [state, action, pending] = useActionState(uploadImportAction, null);
  const { failed, errors } = formStateOf(state);
  return (
    <form action={action} className="mt-6 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6" noValidate>
      <FailureAlert failure={failed} />
      <div>
        <label htmlFor="import-file" className="text-sm font-medium">
          {t("file")}
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={errors.file ? "import-file-error import-file-hint" : "import-file-hint"}
          className={controlClass}
        />
        <p id="import-file-hint" className="mt-1 text-xs text-slate-600">
          {t("fileHint")}
        </p>
        <FieldError id="import-file-error" errors={errors.file} />
      </div>
      <SubmitButton pending={pending} pendingLabel={t("checking")}>
        {t("checkFile")}
      </SubmitButton>
    </form>
  );
}
