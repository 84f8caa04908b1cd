import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { HydrationMark } from "@/components/hydration-mark";
import { WindowSizeHint } from "@/components/window-size-hint";
import "./globals.css";

export const metadata: Metadata = {
  title: "Lambda Permissions Graph",
  description: "Who can invoke each Lambda function, what it can reach, and what is misconfigured.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render every page per request: Next puts proxy.ts's per-request CSP nonce on its scripts only when it
  // renders; a page prerendered at build time would carry no nonce and its scripts would be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="font-sans">
        <NuqsAdapter>{children}</NuqsAdapter>
        <HydrationMark />
        <WindowSizeHint />
      </body>
    </html>
  );
}
