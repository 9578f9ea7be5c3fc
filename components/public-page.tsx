import { LanguageSwitch } from "./language-switch";

/** The frame of the employee's pages (status, not found): the language switch above a narrow column. */
export function PublicPage({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex justify-end px-4 pt-4">
        <LanguageSwitch />
      </header>
      <main className="mx-auto flex w-full max-w-lg flex-1 flex-col justify-center px-6 pb-16">{children}</main>
    </div>
  );
}

/** A public page that only says something (not found, gone): the same frame, an optional eyebrow, a heading and a line. */
export function PublicNotice({ eyebrow, title, body }: { eyebrow?: string; title: string; body: string }) {
  return (
    <PublicPage>
      {eyebrow && <p className="text-sm font-medium text-slate-600">{eyebrow}</p>}
      <h1 className={eyebrow ? "mt-2 text-2xl font-semibold" : "text-2xl font-semibold"}>{title}</h1>
      <p className="mt-3 text-slate-700">{body}</p>
    </PublicPage>
  );
}
