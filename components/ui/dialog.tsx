"use client";

import { useId, type ReactNode, type Ref } from "react";
import { useTranslations } from "next-intl";
import { Button } from "./button";

/**
 * A modal <dialog> labelled by its title, with a Close button at the bottom. Open it with
 * `ref.current?.showModal()`; Escape and Close both close it.
 */
export function Dialog({
  ref,
  title,
  onClose,
  children,
}: {
  ref: Ref<HTMLDialogElement>;
  title: ReactNode;
  onClose?: () => void;
  children: ReactNode;
}) {
  const t = useTranslations("dialog");
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[calc(100%-1rem)] max-w-md rounded-lg p-0 text-left shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="p-4 sm:p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {children}
        <div className="mt-4 flex justify-end">
          <Button onClick={(event) => event.currentTarget.closest("dialog")?.close()}>{t("close")}</Button>
        </div>
      </div>
    </dialog>
  );
}
