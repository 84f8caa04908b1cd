/**
 * The one wording of what a conditional answer turns on, for findings (evidence.ts `dependsOnWhat`, from the
 * evaluator's answers) and for the report's ways in (the details panel, from an invoker's fields) alike, so a value
 * AWS may read otherwise or an unread document is named the same way wherever the answer is shown.
 */
import { fitList } from "./headline";

export interface DependsOn {
  /** Condition keys the snapshot has no value for. */
  keys?: readonly string[];
  /** Policy values AWS may read otherwise, as 'key "value"' (StatementMatch.undocumentedValues). */
  values?: readonly string[];
  /** A KMS key policy that could not be read. */
  keyPolicy?: boolean;
  /** Documents that could not be read ("managed policy x"). */
  documents?: readonly string[];
  /** Accounts whose own resource policy decides as well. */
  accounts?: readonly string[];
}

/** "aws:SourceVpc, how AWS reads s3:max-keys "1e3" and account 1's policy"; undefined when nothing is named. */
export function dependsOnText(d: DependsOn): string | undefined {
  // Another account's resource policy decides as well, whatever else does: said last, never dropped.
  const foreign = d.accounts?.length ? d.accounts.map((a) => `account ${a}'s policy`).join(", ") : undefined;
  const also = foreign ? ` and ${foreign}` : "";
  // A value AWS may read otherwise decides as a key not given does: both named, the value as written.
  const read = d.values?.length ? `how AWS reads ${d.values.join(", ")}` : undefined;
  if (d.keys?.length) return `${[...d.keys, ...(read ? [read] : [])].join(", ")}${also}`;
  if (read) return `${read}${also}`;
  if (d.keyPolicy) return `the key policy${also}`;
  if (d.documents?.length) return `${fitList(d.documents, 60)}, which could not be read${also}`;
  return foreign;
}
