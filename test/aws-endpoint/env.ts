/** Points the real AWS SDK at a local endpoint with fake static credentials, the way a user's shell would. */
export const FAKE_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";

export function endpointEnv(url: string, region = "us-east-1"): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: FAKE_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_REGION: region,
    // No instance-metadata probing on a developer machine or CI runner.
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/lpg-test-credentials",
    AWS_CONFIG_FILE: "/nonexistent/lpg-test-config",
  };
}

/** Applies `vars` to process.env and returns a function that restores the previous values. */
export function withEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
