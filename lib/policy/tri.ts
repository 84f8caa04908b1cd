/**
 * Three-valued logic (Kleene) for policy evaluation: "unknown" stands for a condition key or policy
 * variable whose value the analyser does not know.
 */
import type { Tri } from "./types";

export function triNot(a: Tri): Tri {
  return a === "true" ? "false" : a === "false" ? "true" : "unknown";
}

export function triAnd(a: Tri, b: Tri): Tri {
  if (a === "false" || b === "false") return "false";
  if (a === "unknown" || b === "unknown") return "unknown";
  return "true";
}

export function triOr(a: Tri, b: Tri): Tri {
  if (a === "true" || b === "true") return "true";
  if (a === "unknown" || b === "unknown") return "unknown";
  return "false";
}

export function triOf(b: boolean): Tri {
  return b ? "true" : "false";
}
