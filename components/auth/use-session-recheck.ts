"use client";
/**
 * While this tab's session has ended, asks next-auth whether it is valid again each time the user comes back to the
 * tab (at most once per few seconds, lib/auth/session-recheck.ts): signed in in another tab, the notice goes and the
 * failed requests retry (session-ended.ts), where the tab kept them failed until a reload lost its view.
 */
import { useEffect } from "react";
import { recheckPlan, signedInAgain } from "@/lib/auth/session-recheck";
import { sessionRestored } from "./session-ended";

export function useSessionRecheck(ended: boolean): void {
  useEffect(() => {
    if (!ended) return;
    let lastCheckAt: number | null = null;
    let later: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();

    const check = () => {
      later = undefined;
      lastCheckAt = Date.now();
      fetch("/api/auth/session", { cache: "no-store", signal: controller.signal })
        .then((res) => (res.ok ? res.json() : null))
        .then((answer: unknown) => {
          if (signedInAgain(answer)) sessionRestored();
        })
        // Not answered (offline, aborted): still signed out as far as this tab knows; the next return asks again.
        .catch(() => undefined);
    };
    const onReturn = () => {
      if (document.visibilityState !== "visible" || later !== undefined) return;
      const plan = recheckPlan(lastCheckAt, Date.now());
      if (plan.kind === "now") check();
      else if (plan.kind === "later") later = setTimeout(check, plan.inMs);
    };

    window.addEventListener("focus", onReturn);
    document.addEventListener("visibilitychange", onReturn);
    return () => {
      window.removeEventListener("focus", onReturn);
      document.removeEventListener("visibilitychange", onReturn);
      clearTimeout(later);
      controller.abort();
    };
  }, [ended]);
}
