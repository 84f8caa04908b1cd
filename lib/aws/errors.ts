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
  $metadata?: { httpStatusCode?: number };
}

export function errorCode(e: unknown): string {
  const err = e as SdkError;
  return err?.name && err.name !== "Error" ? err.name : (err?.Code ?? "Error");
}

export function errorMessage(e: unknown): string {
  const msg = (e as SdkError)?.message;
  return typeof msg === "string" && msg.length > 0 ? msg.slice(0, 1000) : String(e).slice(0, 1000);
}

export function isNotFound(e: unknown): boolean {
  return errorCode(e) === "ResourceNotFoundException";
}

const CREDENTIAL_CODES = new Set([
  "CredentialsProviderError",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId",
  "TokenRefreshRequired",
  "AuthFailure",
]);

/** A credential problem as one sentence, or null when `e` is something else. */
export function credentialProblem(e: unknown, profile?: string): string | null {
  const code = errorCode(e);
  const msg = errorMessage(e);
  const where = profile ? `profile "${profile}"` : "the default credential chain (environment, ~/.aws profiles, SSO, container or instance role)";
  if (code === "CredentialsProviderError" || /Could not load credentials|profile .* could not be found|Unable to load/i.test(msg)) {
    return `No AWS credentials found in ${where}: sign in (for example \`aws sso login\`) or set AWS_PROFILE / AWS_ACCESS_KEY_ID, then scan again.`;
  }
  if (/Expired/i.test(code) || /expired/i.test(msg)) {
    return `The AWS credentials from ${where} have expired: refresh them (for example \`aws sso login\`) and scan again.`;
  }
  if (CREDENTIAL_CODES.has(code)) {
    return `AWS rejected the credentials from ${where} (${code}): check the access key, session token and clock, then scan again.`;
  }
  return null;
}
