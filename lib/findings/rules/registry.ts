/** Every rule, explicitly listed (no barrel): the order here is the order of evaluation. */
import type { Rule } from "../types";

export const RULES: Rule[] = [];
