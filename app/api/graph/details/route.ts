/**
 * GET /api/graph/details?snapshot=<id|latest>&node=&focus=&sev=&svc=&region=&findings=&limit=: the selected node's
 * details and the link's missing ids for that view state (GET /api/graph's keys), without the drawn graph: what a
 * click on a node of the graph already on screen changes (components/graph/view-request.ts).
 */
import type { NextRequest } from "next/server";
import { viewSelection } from "@/lib/view/graph-view";
import { answerView } from "../load";
import { guardApi } from "@/lib/auth/guard";

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  return answerView(request, viewSelection);
}
