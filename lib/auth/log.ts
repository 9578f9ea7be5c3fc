/**
 * Auth.js's error log. A wrong password is an expected outcome, not an error with a stack trace (and who
 * tried is never logged). Recognised by `type`, not `name`: the minified production build renames the
 * class, so a check on `name` let every wrong password through as "[auth] p: Read more at …".
 */
export function logAuthError(error: Error): void {
  if ((error as { type?: string }).type === "CredentialsSignin") return;
  console.error(`[auth] ${error.name}: ${error.message}`);
}
