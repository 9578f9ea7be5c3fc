"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { PublicOnboarding, PublicStatus } from "@/lib/verification/public-status";
import { isKnownOnboardingStep } from "@/lib/verification/onboarding-steps";
import { buttonClass } from "./ui/button";
import { useBackoffPolling } from "./use-backoff-polling";

/** How long an open page follows onboarding after an approval before it asks the employee to come back. */
const FOLLOW_UP_MS = 15 * 60_000;

/** Nothing more to wait for: a final status, and after an approval, onboarding done (or unknown). */
function isSettled(status: PublicStatus): boolean {
  if (!status.final) return false;
  return status.status !== "approved" || status.onboarding === null || status.onboarding.complete;
}

const sameOnboarding = (a: PublicOnboarding | null, b: PublicOnboarding | null) =>
  a?.complete === b?.complete && a?.missingSteps.join() === b?.missingSteps.join();

export function StatusPoller({
  reference,
  initial,
  appUrl,
  retry,
}: {
  reference: string;
  initial: PublicStatus;
  appUrl: string;
  /** The employee's open invitation, offered once the attempt has failed ("try again" from the same link). */
  retry?: { href: string; label: string };
}) {
  const t = useTranslations("statusPage");
  const [status, setStatus] = useState(initial);
  const [offline, setOffline] = useState(false);
  const [gaveUp, setGaveUp] = useState(false);
  const settled = isSettled(status);
  const onboarding = status.status === "approved" ? status.onboarding : null;
  const followingUp = status.status === "approved" && !settled;
  const key = settled || gaveUp ? null : `${reference}:${status.status}:${onboarding?.missingSteps.join() ?? ""}`;

  useBackoffPolling(
    key,
    async () => {
      try {
        const response = await fetch(`/api/status/${reference}`, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as PublicStatus;
        setOffline(false);
        if (next.status === status.status && sameOnboarding(next.onboarding, status.onboarding)) return { changed: false, checkInMs: next.checkInMs };
        setStatus(next); // a new key: polling restarts, fast
        return { changed: true, checkInMs: next.checkInMs };
      } catch (error) {
        setOffline(true);
        throw error;
      }
    },
    initial.checkInMs,
  );

  // Following onboarding is bounded: the employee may take days to add bank details.
  useEffect(() => {
    if (!followingUp) return;
    const timer = setTimeout(() => setGaveUp(true), FOLLOW_UP_MS);
    return () => clearTimeout(timer);
  }, [followingUp]);

  const todo = onboarding && !onboarding.complete ? onboarding.missingSteps : [];
  return (
    <section data-status={status.status} data-onboarding={onboarding ? (onboarding.complete ? "complete" : "incomplete") : undefined}>
      {/* Announced to screen readers whenever the status or the steps left change (not on every poll). */}
      <div role="status" aria-live="polite" aria-atomic="true">
        <h1 className="mt-2 text-2xl font-semibold">{t(`title.${status.status}`)}</h1>
        {onboarding?.complete ? (
          <p className="mt-3 text-slate-700">{t("doneBody")}</p>
        ) : todo.length > 0 ? (
          <>
            <p className="mt-3 text-slate-700">{t("nextStepsIntro")}</p>
            <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-800">
              {todo.map((step) => (
                <li key={step} data-step={step}>
                  {isKnownOnboardingStep(step) ? t(`todo.${step}`) : t("todo.other", { step })}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="mt-3 text-slate-700">{t(`body.${status.status}`)}</p>
        )}
      </div>
      {todo.length > 0 && (
        <p className="mt-6">
          <a href={appUrl} target="_blank" rel="noopener noreferrer" className={buttonClass({ variant: "brand", size: "md" })}>
            {t("openApp")}
          </a>
        </p>
      )}
      {retry && status.final && status.status !== "approved" && (
        <p className="mt-6">
          <a href={retry.href} className={buttonClass({ variant: "brand", size: "md" })} data-testid="invitation-retry">
            {retry.label}
          </a>
        </p>
      )}
      {!settled && (
        <p className="mt-6 text-sm text-slate-600">
          {gaveUp ? t("comeBack") : offline ? t("offline") : followingUp ? t("followingUp") : t("checking")}
        </p>
      )}
    </section>
  );
}
