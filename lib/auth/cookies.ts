// Auth.js cookies: always http-only (Auth.js's default, never turned off here) and SameSite=Lax;
// `Secure` (and the __Secure- prefix) whenever the portal's public URL is https, whatever the proxy in
// front of it says about the request.
export function secureCookiesFor(appUrl: string): boolean {
  return new URL(appUrl).protocol === "https:";
}
