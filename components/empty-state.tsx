import type { ReactNode } from "react";

/**
 * `level`: 1 where the state is the whole page (NoReport), 2 under a page's own h1 (the compare page keeps its form
 * above the message): a second h1 made two page titles in the outline screen readers navigate by.
 */
export function EmptyState({ title, level = 1, children }: { title: string; level?: 1 | 2; children?: ReactNode }) {
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <div className="mx-4 mt-24 max-w-lg rounded-xl sm:mx-auto border border-slate-200 bg-white p-8 text-center shadow-sm">
      <Heading className="text-lg font-semibold text-slate-900">{title}</Heading>
      {children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}
