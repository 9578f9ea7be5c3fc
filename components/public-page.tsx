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
