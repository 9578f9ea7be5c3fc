import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { atPortalOrigin } from "@/lib/security/auth-origin";

// Auth.js sees every request at APP_URL's origin, never at a Host or X-Forwarded-Host a caller chose.
export const GET = (request: NextRequest) => handlers.GET(atPortalOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(atPortalOrigin(request));
