import { describe, expect, it } from "vitest";
import { organizationLine } from "./organization-line";

describe("organizationLine", () => {
  it("says which guardrails were applied and from how many levels", () => {
    expect(organizationLine({ state: "applied", id: "o-abc", path: ["r-1", "ou-1", "ou-2", "111122223333"], scps: 4 })).toBe(
      "Organization o-abc: 4 SCPs applied to every answer from the root through 2 OUs to the account.",
    );
    expect(organizationLine({ state: "applied", id: "o-abc", path: ["r-1", "111122223333"], scps: 1, rcps: 2 })).toBe(
      "Organization o-abc: 1 SCP and 2 RCPs applied to every answer from the root through no OU to the account.",
    );
  });

  it("says which type could not be read where only the other was applied", () => {
    expect(organizationLine({ state: "applied", id: "o-abc", path: ["r-1", "111122223333"], scps: 1, unread: ["rcp"] })).toBe(
      "Organization o-abc: 1 SCP applied to every answer from the root through no OU to the account. Its RCPs could not be read: answers assume they permit it.",
    );
  });

  it("says the type was applied as far as read where its list was cut short", () => {
    expect(organizationLine({ state: "applied", id: "o-abc", path: ["r-1", "111122223333"], scps: 1, unread: ["scp"], unreadInPart: true })).toBe(
      "Organization o-abc: 1 SCP applied to every answer from the root through no OU to the account. Its SCPs could not all be read: answers assume the unread ones permit it.",
    );
  });

  it("names both types where both could not all be read", () => {
    expect(organizationLine({ state: "applied", id: "o-abc", path: ["r-1", "111122223333"], scps: 1, rcps: 1, unread: ["scp", "rcp"], unreadInPart: true })).toBe(
      "Organization o-abc: 1 SCP and 1 RCP applied to every answer from the root through no OU to the account. Its SCPs and RCPs could not all be read: answers assume the unread ones permit it.",
    );
  });

  it("says from which level the guardrails were applied where the parents above it could not be read", () => {
    expect(organizationLine({ state: "applied", id: "o-abc", path: ["ou-2", "111122223333"], cutAbove: "ou-2", scps: 2, unread: ["scp"], unreadInPart: true })).toBe(
      "Organization o-abc: 2 SCPs applied to every answer from ou-2 to the account (the parents above ou-2 could not be read). Its SCPs could not all be read: answers assume the unread ones permit it.",
    );
  });

  it("says the account's own level alone was applied where none of its parents could be read", () => {
    expect(organizationLine({ state: "applied", id: "o-abc", path: ["111122223333"], cutAbove: "111122223333", scps: 1, rcps: 1, unread: ["scp", "rcp"], unreadInPart: true })).toBe(
      "Organization o-abc: 1 SCP and 1 RCP applied to every answer at the account's own level (the account's parents could not be read). Its SCPs and RCPs could not all be read: answers assume the unread ones permit it.",
    );
  });

  it("says the root's level was applied too where it was read above parents that could not be", () => {
    expect(organizationLine({ state: "applied", id: "o-abc", path: ["ou-2", "111122223333"], cutAbove: "ou-2", root: "r-1", scps: 3, unread: ["scp"], unreadInPart: true })).toBe(
      "Organization o-abc: 3 SCPs applied to every answer at the root and from ou-2 to the account (the parents above ou-2 could not be read). Its SCPs could not all be read: answers assume the unread ones permit it.",
    );
  });

  it("says which types are being enabled or disabled, with their status: what they would refuse is conditional", () => {
    expect(organizationLine({ state: "applied", id: "o-abc", path: ["r-1", "111122223333"], scps: 2, rcps: 1, pending: [{ kind: "scp", status: "PENDING_ENABLE" }] })).toBe(
      "Organization o-abc: 2 SCPs and 1 RCP applied to every answer from the root through no OU to the account. " +
        "Its SCPs are PENDING_ENABLE on the root: AWS does not say whether they are enforced yet, so what they would refuse is conditional.",
    );
  });

  it("says why none limits the account, and nothing where the report is silent", () => {
    expect(organizationLine({ state: "none", why: "the account is in no organization (AWSOrganizationsNotInUseException)" })).toBe(
      "No SCP or RCP limits this account: the account is in no organization (AWSOrganizationsNotInUseException).",
    );
    expect(organizationLine(undefined)).toBeUndefined();
  });
});
