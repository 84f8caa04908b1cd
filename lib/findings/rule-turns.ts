/**
 * How much of a long rule runs between two turns of the dashboard's server (a rule's check as a generator,
 * RuleTurns): on the 10,000-function account each stretch then takes ~10-30 ms where the rule took 100-190 ms.
 */

/** Functions judged between two turns: the function rules take ~10-15 ms a thousand. */
export const FUNCTIONS_PER_TURN = 1000;

/**
 * Roles judged between two turns: the role rules take ~10-20 ms per 250 roles in use, apart from a few near-admin
 * roles that may rewrite thousands of functions (~15-30 ms each for role-privilege-escalation).
 */
export const ROLES_PER_TURN = 250;
