"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { syncLanguageCookieAction } from "@/app/(portal)/actions";

/** Copies the staff member's saved language into this browser's cookie, then renders the page again in it. */
export function LocaleCookieSync() {
  const router = useRouter();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    void syncLanguageCookieAction(null, new FormData()).then((result) => {
      if (result.ok && result.data.changed) router.refresh();
    });
  }, [router]);
  return null;
}
