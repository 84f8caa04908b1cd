/** Role-level findings badge every function that runs with the role; this builds them the same way everywhere. */
import type { FunctionModel } from "@/lib/analysis/account-model";
import type { RoleModel } from "@/lib/analysis/role-model";
import { findingOf, type FindingParts } from "./finding-parts";
import type { RuleContext, RuleFinding } from "./types";

export interface RoleInUse {
  role: RoleModel;
  functions: FunctionModel[];
}

/** Roles of the snapshot that at least one function uses, with those functions. */
export function rolesInUse(ctx: RuleContext): RoleInUse[] {
  const out: RoleInUse[] = [];
  for (const [arn, functions] of ctx.functionsByRole) {
    const role = ctx.model.roles.get(arn);
    if (role) out.push({ role, functions });
  }
  return out;
}

export interface RoleFindingInput extends FindingParts {
  role: RoleModel;
  functions: FunctionModel[];
}

export function roleFinding(input: RoleFindingInput): RuleFinding {
  return findingOf(input, input.role.arn, { role: input.role.arn, functions: input.functions.map((f) => f.arn).sort() });
}

/** "orders, billing and 3 more" for details. */
export function functionNames(functions: FunctionModel[], max = 5): string {
  const names = functions.map((f) => f.name).sort();
  return names.length > max ? `${names.slice(0, max).join(", ")} and ${names.length - max} more` : names.join(", ");
}
