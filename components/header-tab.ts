/** The look of the header's view tabs (app-header.tsx, view-tabs.tsx), the one the page is on lit. */
export const headerTabClass = (active: boolean): string =>
  `rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-400 ${
    active ? "bg-white/10 text-white" : "text-slate-300 hover:bg-white/5 hover:text-white"
  }`;
