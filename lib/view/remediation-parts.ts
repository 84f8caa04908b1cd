/**
 * A remediation is prose, JSON documents and AWS CLI commands in one text. Copied whole, it can be used as it is
 * nowhere: pasted into a shell, each prose line is an error and every command runs, including both branches of an
 * "if it should be public … if not …" choice; a policy to save as policy.json comes with the sentence above it. The
 * details panel copies each command and each document on its own, from these parts.
 */
export type RemediationPart = { kind: "text" | "command" | "document"; text: string };

/** A line that starts an AWS CLI command, as the rules write them (lib/findings/remediation.ts). */
const COMMAND = /^aws [a-z0-9-]+ [a-z0-9-]+( |$)/;

/**
 * `text` cut into its parts, in order, which joined with line breaks give `text` back. A document is a run of lines
 * from one that is only `{` (or `[`) to the first that is only `}` (or `]`) that parses as JSON; anything else is text.
 */
export function remediationParts(text: string): RemediationPart[] {
  const lines = text.split("\n");
  const parts: RemediationPart[] = [];
  const add = (kind: RemediationPart["kind"], t: string) => {
    const last = parts.at(-1);
    if (kind === "text" && last?.kind === "text") last.text += `\n${t}`;
    else parts.push({ kind, text: t });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A statement list (several statements for one resource policy) is a document too.
    const closer = line === "{" ? "}" : line === "[" ? "]" : undefined;
    if (closer) {
      const end = lines.indexOf(closer, i + 1);
      const block = end < 0 ? undefined : lines.slice(i, end + 1).join("\n");
      if (block !== undefined && parsesAsJson(block)) {
        add("document", block);
        i = end;
        continue;
      }
    }
    if (COMMAND.test(line)) {
      // A command continued with a trailing backslash, or with a quoted value holding a line break (a crafted
      // statement id), goes on over the next lines: one command, copied whole, and no line of the value taken for a
      // command of its own.
      let end = i;
      while (end + 1 < lines.length && continues(lines.slice(i, end + 1).join("\n"))) end++;
      add("command", lines.slice(i, end + 1).join("\n"));
      i = end;
      continue;
    }
    add("text", line);
  }
  return parts;
}

/** Whether a shell reading `command` wants another line: a single quote left open, or a trailing backslash. */
function continues(command: string): boolean {
  let quoted = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === "\\") {
      if (i + 1 === command.length) return true;
      i++;
    } else if (c === "#" && /^\s?$/.test(command[i - 1] ?? "")) {
      // A comment ends at its line, quotes and all.
      const eol = command.indexOf("\n", i);
      if (eol < 0) return false;
      i = eol;
    }
  }
  return quoted;
}

function parsesAsJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
