/** Inline SVG icons per node kind (decorative: the node's text names it). */
import type { SVGProps } from "react";
import type { GraphNodeKind } from "@/lib/analysis/types";

function Svg(props: SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    />
  );
}

export function FunctionIcon() {
  return (
    <Svg>
      <path d="M6 4h3l7 16h2" />
      <path d="M11.5 10 6 20" />
    </Svg>
  );
}

export function RoleIcon() {
  return (
    <Svg>
      <path d="M12 3 5 6v5c0 4.5 3 8.2 7 10 4-1.8 7-5.5 7-10V6l-7-3Z" />
      <circle cx="12" cy="10" r="2.2" />
      <path d="M8.8 16c.6-1.6 1.8-2.5 3.2-2.5s2.6.9 3.2 2.5" />
    </Svg>
  );
}

export function PrincipalIcon({ isPublic }: { isPublic?: boolean }) {
  return isPublic ? (
    <Svg>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.5 3.8 5.5 3.8 9S14.5 18.5 12 21c-2.5-2.5-3.8-5.5-3.8-9S9.5 5.5 12 3Z" />
    </Svg>
  ) : (
    <Svg>
      <circle cx="12" cy="8" r="3.5" />
      <path d="M5 20c.8-3.6 3.6-6 7-6s6.2 2.4 7 6" />
    </Svg>
  );
}

export function ResourceIcon() {
  return (
    <Svg>
      <ellipse cx="12" cy="6" rx="7" ry="2.8" />
      <path d="M5 6v12c0 1.5 3.1 2.8 7 2.8s7-1.3 7-2.8V6" />
      <path d="M5 12c0 1.5 3.1 2.8 7 2.8s7-1.3 7-2.8" />
    </Svg>
  );
}

export function EventSourceIcon() {
  return (
    <Svg>
      <rect x="3" y="6" width="4" height="12" rx="1" />
      <rect x="10" y="6" width="4" height="12" rx="1" />
      <path d="M17 12h4m-2-2 2 2-2 2" />
    </Svg>
  );
}

export function KindIcon({ kind, isPublic }: { kind: GraphNodeKind; isPublic?: boolean }) {
  switch (kind) {
    case "function":
      return <FunctionIcon />;
    case "role":
      return <RoleIcon />;
    case "principal":
      return <PrincipalIcon isPublic={isPublic} />;
    case "resource":
      return <ResourceIcon />;
    case "event-source":
      return <EventSourceIcon />;
  }
}


/** Icon tile colours per kind (calm, distinct from severity colours). */
export const KIND_TILE: Record<GraphNodeKind, string> = {
  principal: "bg-violet-50 text-violet-700 ring-violet-200",
  "event-source": "bg-teal-50 text-teal-700 ring-teal-200",
  function: "bg-sky-50 text-sky-700 ring-sky-200",
  role: "bg-slate-100 text-slate-700 ring-slate-300",
  resource: "bg-emerald-50 text-emerald-700 ring-emerald-200",
};
