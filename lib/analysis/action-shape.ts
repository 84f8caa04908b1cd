/** `service:Action`, wildcards allowed in either part: what an Action entry of a policy looks like. */
export const ACTION_SHAPE = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/;
