/**
 * The lines that say why a reach or a way in may be less than it looks (reach-list.tsx, invoker-list.tsx): the
 * statements, keys and unread documents the report names, worded alike in both lists.
 */
import { visibleText } from "@/lib/view/visible-text";

/** Policy references or keys in monospace, separated by "; "; crafted names shown as text. */
export function Refs({ refs }: { refs: readonly string[] }) {
  return refs.map((v, i) => (
    <span key={i}>
      {i > 0 ? "; " : null}
      <span className="break-words font-mono text-slate-700">{visibleText(v)}</span>
    </span>
  ));
}

/** "Conditional on <keys>: the snapshot has no value for …", its sentence's words only (the caller places it). */
export function ConditionKeysText({ keys }: { keys: readonly string[] }) {
  return (
    <>
      Conditional on <Refs refs={keys} />: the snapshot has no value for {keys.length > 1 ? "these keys" : "this key"}.
    </>
  );
}

/** "Depends on <documents>, which could not be read: …", its sentence's words only. */
export function UnreadPoliciesText({ documents }: { documents: readonly string[] }) {
  return (
    <>
      Depends on <Refs refs={documents} />, which could not be read: a Deny there would refuse it.
    </>
  );
}

/** What the other account's policy on a resource of the service is, where the service says. */
const POLICY_OF: Record<string, string> = {
  sts: "the trust policy of its role",
  iam: "the trust policy of its role",
  sqs: "the queue's policy",
  s3: "the bucket's policy",
  kms: "the key policy",
  sns: "the topic's policy",
  lambda: "the function's policy",
};

/**
 * "Account <id> must allow it too: …", its sentence's words only; `*` (any other account) and patterns said so, and
 * the policy named by the reach's service where it has one kind (`sts`: a role's trust policy).
 */
export function OtherAccountsText({ accounts, service }: { accounts: readonly string[]; service?: string }) {
  const one = accounts.length === 1;
  const anyAccount = accounts.every((a) => a === "*");
  const who = anyAccount ? (
    "Another account"
  ) : accounts.some((a) => /[*?]/.test(a)) ? (
    <>
      Accounts matching <Refs refs={accounts} />
    </>
  ) : (
    <>
      {one ? "Account" : "Accounts"} <Refs refs={accounts} />
    </>
  );
  const single = one && (anyAccount || !/[*?]/.test(accounts[0] ?? ""));
  const policy = (service !== undefined && Object.hasOwn(POLICY_OF, service) ? POLICY_OF[service] : undefined) ?? `${single ? "its" : "their"} policy on the resource`;
  return (
    <>
      {who} must allow it too: {policy} is outside this snapshot, which reads one account.
    </>
  );
}
