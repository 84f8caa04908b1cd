/**
 * The lines that say why a reach or a way in may be less than it looks (reach-list.tsx, invoker-list.tsx): the
 * statements, keys, undocumented values and unread documents the report names, worded alike in both lists.
 */
import { printable } from "@/lib/view/long-words";

/** Policy references or keys in monospace, separated by "; "; crafted names shown as text, cut past any ARN's length. */
export function Refs({ refs }: { refs: readonly string[] }) {
  return refs.map((v, i) => (
    <span key={i}>
      {i > 0 ? "; " : null}
      <span className="break-words font-mono text-slate-700">{printable(v)}</span>
    </span>
  ));
}

/**
 * "Conditional on <keys>: the snapshot has no value for …", and on how AWS reads the policy values it does not document
 * (`undocumentedValues`, 'aws:PrincipalTag/tier "1e3"': no key's value settles those), its sentence's words only (the
 * caller places it). "How AWS reads" as findings and the outcome line say it (lib/findings/depends-on.ts).
 */
export function ConditionKeysText({ keys, values = [] }: { keys: readonly string[]; values?: readonly string[] }) {
  const hasKeys = keys.length > 0;
  const hasValues = values.length > 0;
  const why = [
    hasKeys ? `the snapshot has no value for ${keys.length > 1 ? "these keys" : "this key"}` : "",
    hasValues ? `AWS does not document how it reads ${values.length > 1 ? "these values" : "this value"}` : "",
  ];
  return (
    <>
      Conditional on {hasKeys ? <Refs refs={keys} /> : null}
      {hasKeys && hasValues ? ", and on " : null}
      {hasValues ? (
        <>
          how AWS reads <Refs refs={values} />
        </>
      ) : null}
      : {why.filter(Boolean).join(", and ")}.
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
