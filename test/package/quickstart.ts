/**
 * The README's quick start as data, so the spec that runs it and the README cannot drift: the files it has
 * the reader create (a fenced block right after a line that starts with the file name in backticks and ends
 * with a colon) and the commands it has the reader type (every line of a `bash` block), in reading order.
 */

/** A file the reader creates, or a command the reader runs. */
export type QuickStartStep =
  | { readonly kind: "file"; readonly name: string; readonly content: string }
  | { readonly kind: "command"; readonly line: string };

/** The heading of the quick start section. */
export const QUICK_START_HEADING = "## Quick start from an empty folder";

/** Reads the steps of the quick start section of `markdown`; throws on a block it cannot place. */
export function quickStartSteps(markdown: string): QuickStartStep[] {
  const start = markdown.indexOf(`\n${QUICK_START_HEADING}\n`);
  if (start < 0) throw new Error(`the README has no "${QUICK_START_HEADING}" section`);
  const end = markdown.indexOf("\n## ", start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  const steps: QuickStartStep[] = [];
  let prose = 0;
  for (const match of section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const [block, lang, content] = match;
    const before = section.slice(prose, match.index).trim().split("\n").pop() ?? "";
    prose = (match.index ?? 0) + block.length;
    const file = /^`([^`\s]+)`.*:$/.exec(before);
    if (file) {
      steps.push({ kind: "file", name: file[1], content });
    } else if (lang === "bash") {
      for (const line of content.split("\n")) {
        if (line.trim() !== "" && !line.trim().startsWith("#"))
          steps.push({ kind: "command", line: line.trim() });
      }
    } else {
      throw new Error(
        `a ${lang || "plain"} block of the quick start is neither a file nor commands: ${before}`,
      );
    }
  }
  return steps;
}
