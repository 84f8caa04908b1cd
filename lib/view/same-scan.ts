/**
 * What a scan compared with itself says, wherever it is compared: the compare page, the graph's banner and the PNG
 * report's header. One wording for all three: "nothing changed" on one of them read as two scans that agree.
 */
export const NOTHING_TO_COMPARE = "there is nothing to compare";
