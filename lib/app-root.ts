/**
 * The directory the app runs from: its data/ and node_modules/. `npm run` starts every command there; LPG_APP_ROOT
 * says otherwise for a process started elsewhere. Read at runtime, never by the bundler: Next's server bundle has no
 * file of its own to resolve from.
 */
export function appRoot(): string {
  return process.env.LPG_APP_ROOT ?? process.cwd();
}
