/**
 * Each partition's endpoint domain: a service's regional endpoint is `<service>.<region>.<domain>`. Copied from the AWS
 * SDK's partitions table (`dnsSuffix` of the SDK core's `partition(region)`), which lib/aws/partition-domains.test.ts
 * holds this copy to: the analysis keeps no SDK import (lib/aws is the only AWS code). GovCloud shares the commercial
 * domain.
 */
const ENDPOINT_DOMAINS: Readonly<Record<string, string>> = {
  aws: "amazonaws.com",
  "aws-us-gov": "amazonaws.com",
  "aws-cn": "amazonaws.com.cn",
  "aws-eusc": "amazonaws.eu",
  "aws-iso": "c2s.ic.gov",
  "aws-iso-b": "sc2s.sgov.gov",
  "aws-iso-e": "cloud.adc-e.uk",
  "aws-iso-f": "csp.hci.ic.gov",
};

/** The endpoint domain of `partition`, or undefined for one the table does not know. */
export function endpointDomain(partition: string): string | undefined {
  return Object.hasOwn(ENDPOINT_DOMAINS, partition) ? ENDPOINT_DOMAINS[partition] : undefined;
}

/** The partitions the table knows. */
export const KNOWN_PARTITIONS: readonly string[] = Object.keys(ENDPOINT_DOMAINS);

/**
 * A region name as the partitions table's patterns have them: `us-east-1`, `us-iso-east-1`, and the European Sovereign
 * Cloud's four-letter start (`eusc-de-east-1`, regionRegex `^eusc-(de)-\w+-\d+$`). A source to build patterns from;
 * lib/aws/partition-domains.test.ts holds it to every region the SDK lists.
 */
export const REGION_NAME_SOURCE = "[a-z]{2,4}(?:-[a-z]+)+-\\d{1,2}";
