/**
 * For commands whose stdout is their result (`report` prints the PNG's path): what libraries log on the way is
 * progress, which cli.md puts on stderr. Next.js logs with console.log ("✓ Running next.config.js took 20ms"), so
 * `path=$(npm run -s cli -- report …)` would otherwise capture that line too.
 */
export async function withLogsOnStderr<T>(work: () => Promise<T>): Promise<T> {
  const { log, info } = console;
  console.log = console.info = (...args: unknown[]) => console.error(...args);
  try {
    return await work();
  } finally {
    console.log = log;
    console.info = info;
  }
}
