/**
 * GET /api/graph?snapshot=<id|latest>&node=&focus=&sev=&svc=&region=&rule=&who=&reach=&on=&findings=&limit=: the drawn part of the
 * graph and the selected node's details for that view state (the graph page's URL keys), as JSON.
 */
import type { NextRequest } from "next/server";
import { answerView } from "./load";
import { guardApi } from "@/lib/auth/guard";

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  return answerView(request, (view) => view);
}
