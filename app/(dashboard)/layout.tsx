import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/guard";

/** Defence in depth behind proxy.ts: dashboard pages render only for a signed-in user when auth is on. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await requirePageUser();
  return children;
}
