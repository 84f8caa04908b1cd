import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/guard";
import { SessionEndedNotice } from "@/components/auth/session-ended-notice";

/**
 * Defence in depth behind proxy.ts: dashboard pages render only for a signed-in user when auth is on. The notice that
 * the session ended meanwhile is the layout's, one for every page and every request of it.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await requirePageUser();
  return (
    <>
      {children}
      <SessionEndedNotice />
    </>
  );
}
