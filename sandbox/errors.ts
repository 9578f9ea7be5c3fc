/** Error answers shared by the API handlers and the fault injector, in EasyFreelance's (Laravel's) shapes. */
import { type Req, type Res, redirect, sendJson, wantsJson } from "./http";
import { type FieldErrors, laravelValidationBody } from "./validation";

export const SESSION_NOT_FOUND = "Verification session not found.";
export const SESSION_OTHER_PARTNER = "This verification session belongs to another partner.";

export function notFound(res: Res): void {
  sendJson(res, 404, { message: "Not Found" });
}

/** Laravel answers an auth failure with a redirect to its login page unless the client asked for JSON. */
export function unauthenticated(req: Req, res: Res, origin: string): void {
  if (wantsJson(req)) sendJson(res, 401, { message: "Unauthenticated." });
  else redirect(res, 302, `${origin}/login`);
}

export function validationFailed(res: Res, errors: FieldErrors): void {
  sendJson(res, 422, laravelValidationBody(errors));
}

export function serverError(res: Res, status = 500): void {
  sendJson(res, status, { message: "Server Error" });
}
