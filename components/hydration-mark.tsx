"use client";
import { useEffect } from "react";

/**
 * Marks <html data-hydrated> once React has hydrated the page. The framework's scripts start after the first
 * paint (lib/http/paint-first-scripts.ts), so a page is visible a little before it handles input; the e2e tests
 * wait for this mark before they interact (e2e/test.ts), as a user's first click normally comes later.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
