/**
 * What the table's invoker counts leave out, said with the table so that a 0 is not read as "no one": the roles and
 * users granted invoke on every function (`accountInvokers`, `users` of them IAM users, `regional` of them for a
 * region's functions), and IAM users altogether when the snapshot predates reading them. Undefined when nothing is.
 * Its own module: the table (in the browser) needs it, and not the rest of overview.ts.
 */
export function invokerCountNote(accountInvokers: number, regional = 0, { users = 0, usersNotRead: unread = false }: { users?: number; usersNotRead?: boolean } = {}): string | undefined {
  const notRead = unread ? "IAM users and groups, which were not read" : undefined;
  if (accountInvokers === 0) return notRead && `Invoker counts leave out ${notRead}.`;
  const noun = users === 0 ? "role" : users === accountInvokers ? "IAM user" : "role or IAM user";
  const who = accountInvokers === 1 ? `the ${noun}` : `the ${accountInvokers} ${noun === "role or IAM user" ? "roles and IAM users" : `${noun}s`}`;
  const scope = regional === 0 ? "every function" : regional === accountInvokers ? "every function of a region" : "every function of the account or of a region";
  return `Invoker counts leave out ${who} granted invoke on ${scope} (a function's details list them, with the answer for that function)${notRead ? `, and ${notRead}` : ""}.`;
}
