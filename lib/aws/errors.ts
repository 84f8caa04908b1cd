/**
 * Turning SDK failures into what the scan needs: "no such resource" (= none), a credential problem (stop, with
 * one clear sentence), or an error to record in the snapshot.
 */
export class AwsCredentialsError extends Error {
  override name = "AwsCredentialsError";
}

export class ScanSetupError extends Error {
  override name = "ScanSetupError";
}

/**
 * An answer the scan cannot take as it came (a page token that leads nowhere, an item without a field the snapshot
 * requires): recorded as an error of that call with code MalformedResponse, as the analyser names such gaps.
 */
export class MalformedResponse extends Error {
  override name = "MalformedResponse";
}

interface SdkError {
  name?: string;
  message?: string;
  Code?: string;
  /** Node's system error code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT…), on the plain Error of a failed connection. */
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const NODE_CODE = /^E[A-Z0-9_]+$/;

/**
 * The SDK's XML parser's failure (IAM, STS and EC2 answer in XML), a plain Error whose message adds the SDK's advice
 * to programmers ("inspect the hidden field {error}.$response"): what V8's SyntaxError is to a JSON answer.
 */
const XML_PARSE_ERROR = /^@aws-sdk XML parse error: /;

export function errorCode(e: unknown): string {
  const err = e as SdkError;
  // The SDK's HTTP handler renames a reset, refused or broken connection (ECONNRESET, "socket hang up", EPIPE) a
  // TimeoutError, as it names its own timeouts (code ETIMEDOUT): the Node code says which happened.
  if (err?.name === "TimeoutError" && typeof err.code === "string" && NODE_CODE.test(err.code) && err.code !== "ETIMEDOUT") return err.code;
  if (err?.name && err.name !== "Error") return err.name;
  // Named as a JSON answer's is: a snapshot and the "Failed calls" line said only "Error" of it.
  if (typeof err?.message === "string" && XML_PARSE_ERROR.test(err.message)) return "SyntaxError";
  if (err?.Code) return err.Code;
  // An endpoint that cannot be reached (a region name with no such host, a proxy down) fails with a plain Error:
  // "Error" would be all the snapshot and the analysis could say of it.
  return typeof err?.code === "string" && NODE_CODE.test(err.code) ? err.code : "Error";
}

function rawMessage(e: unknown): string {
  const msg = (e as SdkError)?.message;
  return typeof msg === "string" && msg.length > 0 ? msg : String(e);
}

/**
 * The message to store in the snapshot's `errors`, which may be handed to someone else (snapshot.md), so nothing
 * AWS echoes of the request goes in. A signature failure quotes the canonical request, session token header
 * included: any credential or signature error keeps its code and a fixed sentence. Elsewhere a token header is
 * masked and a quoted canonical request or string-to-sign cut off. A body that is not JSON (or XML) keeps none of its
 * text (V8's SyntaxError quotes part of it).
 */
export function errorMessage(e: unknown): string {
  const code = errorCode(e);
  if (credentialProblem(e)) {
    // Mid-scan these two are also what a region not enabled for the account answers (the credentials worked for
    // IAM and the other regions): the reader is told both, since the snapshot cannot say which.
    const region = REGION_NOT_ENABLED_CODES.has(code) ? " A region not enabled for the account answers the same." : "";
    return `AWS refused the request's credentials or signature (${code}); its message is not kept, as it may quote the signed request.${region}`;
  }
  if (code === "SyntaxError") {
    const format = XML_PARSE_ERROR.test(rawMessage(e)) ? "XML" : "JSON";
    return `The answer is not valid ${format}; its text is not kept, as it may hold anything the answer held.`;
  }
  return rawMessage(e)
    .split(/The Canonical String|The String-to-Sign/i)[0]!
    .replace(/(x-amz-security-token\s*[:=]\s*)[^\s'"&,;]+/gi, "$1<redacted>")
    .trim()
    .slice(0, 1000);
}

export function isNotFound(e: unknown): boolean {
  return errorCode(e) === "ResourceNotFoundException";
}

const REGION_NOT_ENABLED_CODES = new Set(["UnrecognizedClientException", "InvalidClientTokenId"]);

/**
 * Credentials the service does not know where they were sent: a region not enabled for the account, or a partition
 * (AWS China, GovCloud) other than the one the credentials belong to.
 */
export function credentialsRefusedHere(e: unknown): boolean {
  return REGION_NOT_ENABLED_CODES.has(errorCode(e));
}

const CREDENTIAL_CODES = new Set([
  "CredentialsProviderError",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  // Lambda's, KMS's, SQS's and Kinesis's names for a signature the service computed otherwise, or none at all.
  "InvalidSignatureException",
  "IncompleteSignature",
  "IncompleteSignatureException",
  "MissingAuthenticationToken",
  "MissingAuthenticationTokenException",
  "InvalidAccessKeyId",
  "TokenRefreshRequired",
  "AuthFailure",
]);

/**
 * Mid-scan, credentials that will sign no further call: the session token expired, or refreshing the credentials
 * failed. Not a refusal of credentials that still work elsewhere (UnrecognizedClientException from a region not
 * enabled, a signature one service computed otherwise): those cost their own calls only.
 */
export function credentialsLost(e: unknown): boolean {
  const code = errorCode(e);
  return code === "ExpiredToken" || code === "ExpiredTokenException" || code === "CredentialsProviderError";
}

/**
 * Node's exec error, which the SDK's credential_process provider passes on as its message: it quotes the command
 * line (a token passed as an argument) and the process's stderr, neither fit for a terminal, CI log or snapshot.
 */
const CREDENTIAL_PROCESS_FAILED = /^Command failed: /;

/**
 * How the SDK's chain gets a profile's credentials: the provider credential-provider-ini picks for it (clients.ts
 * profileCredentialKind), which decides what refreshes them.
 */
export type ProfileCredentialKind = "assume-role" | "static" | "web-identity" | "process" | "sso" | "login";

/** Where the scan's credentials come from, as far as the error sentence names it. */
export interface CredentialSource {
  /** `--profile`. */
  profile?: string;
  /**
   * The profile the SDK's chain reads (`--profile`, else AWS_PROFILE, else the profile "default" when no keys are in
   * the environment) and how it gets that profile's credentials, when it does.
   */
  fromProfile?: { profile: string; namedBy: "--profile" | "AWS_PROFILE" | "default"; kind: ProfileCredentialKind };
  /** Keys in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), which the chain takes when no profile is named. */
  environment?: boolean;
}

/**
 * How to get credentials that work again, for every sentence that advises it (the CLI's and the dashboard's are the
 * same sentences): "aws sso login" was all it said, wrong for a credential_process, static keys or an assumed role.
 */
export function refreshAdvice(source: CredentialSource): string {
  const p = source.fromProfile;
  switch (p?.kind) {
    case "sso":
      return `sign in again (\`aws sso login --profile ${p.profile}\`)`;
    case "login":
      return `sign in again (\`aws login --profile ${p.profile}\`)`;
    case "process":
      return `run \`aws configure export-credentials --profile ${p.profile}\` to see what its credential_process gives, and fix it`;
    case "static":
      return `put new keys in profile "${p.profile}" (its aws_access_key_id, aws_secret_access_key and aws_session_token are static: nothing refreshes them)`;
    case "assume-role":
      return `check the credentials of the role's source (\`aws sts get-caller-identity --profile ${p.profile}\` shows what fails)`;
    case "web-identity":
      return `check that the web_identity_token_file of profile "${p.profile}" holds a current token`;
  }
  if (source.environment) return "set new AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN in the environment";
  return "refresh them (for example `aws sso login`)";
}

/**
 * A credential problem as one sentence, or null when `e` is something else. `midScan`: the credentials signed calls
 * before, so a provider failure is a refresh that failed every try (clients.ts retries it), not credentials never found.
 */
export function credentialProblem(e: unknown, source: CredentialSource = {}, midScan?: { tries: number }): string | null {
  const code = errorCode(e);
  const msg = rawMessage(e);
  const { profile, fromProfile } = source;
  const credentialProcess = fromProfile?.kind === "process" ? fromProfile : undefined;
  const where = profile ? `profile "${profile}"` : "the default credential chain (environment, ~/.aws profiles, SSO, container or instance role)";
  if (!midScan && credentialProcess && code === "CredentialsProviderError") {
    const named = credentialProcess.namedBy === "--profile" ? "" : credentialProcess.namedBy === "AWS_PROFILE" ? " (named by AWS_PROFILE)" : " (the default profile)";
    return (
      `The credential_process of AWS profile "${credentialProcess.profile}"${named} failed (its command line and output are not shown, as they may hold secrets): ` +
      `run \`aws configure export-credentials --profile ${credentialProcess.profile}\` to see its error, fix it, then scan again.`
    );
  }
  if (midScan && code === "CredentialsProviderError") {
    const { tries } = midScan;
    const why = CREDENTIAL_PROCESS_FAILED.test(msg) || credentialProcess
      ? "their credential_process failed; its command line and output are not shown, as they may hold secrets"
      : msg.replace(/\s+/g, " ").replace(/\.$/, "").slice(0, 200);
    const check = fromProfile || source.environment ? refreshAdvice(source) : "check that their source answers (the container or instance credentials endpoint, SSO)";
    return `The AWS credentials from ${where} could not be refreshed in ${tries} tries (${code}, ${why}): ${check}, then scan again.`;
  }
  if (code === "CredentialsProviderError" || /Could not load credentials|profile .* could not be found|Unable to load/i.test(msg)) {
    const signIn = fromProfile ? refreshAdvice(source) : "sign in (for example `aws sso login`) or set AWS_PROFILE / AWS_ACCESS_KEY_ID";
    return `No AWS credentials found in ${where}: ${signIn}, then scan again.`;
  }
  if (/Expired/i.test(code) || /expired/i.test(msg)) {
    return `The AWS credentials from ${where} have expired: ${refreshAdvice(source)}, then scan again.`;
  }
  if (CREDENTIAL_CODES.has(code)) {
    return `AWS rejected the credentials from ${where} (${code}): check the access key, session token and clock, then scan again.`;
  }
  return null;
}
