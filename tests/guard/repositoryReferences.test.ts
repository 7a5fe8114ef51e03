/**
 * No dangling references: every relative markdown link, and every repository path mentioned in
 * markdown text or in a code comment (a `docs/...` or `loaders/...` path with a file extension), names a file
 * or folder that exists, from the repository root or from the mentioning file's folder.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { glob } from "tinyglobby";
import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "../support/fixtureProject.js";

/** Paths mentioned on purpose that are not repository files, and why. */
const NOT_REPOSITORY_FILES: Array<[RegExp, string]> = [
  [/^report\/index\.html$/, "written by clickstream report beside the warehouse"],
  [/^docs\/index\.html$/, "written by clickstream docs beside the warehouse"],
  [/^cdktf\/config\/infra\.json$/, "each deployment's own configuration, copied from config/example.json"],
  [/^cdktf\/cdktf\.out\//, "written by cdktf synth"],
];

const TOP_LEVEL = readdirSync(REPOSITORY_ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !["node_modules", "target", ".git"].includes(entry.name))
  .map((entry) => entry.name)
  .concat("docs");
const escaped = TOP_LEVEL.map((name) => name.replace(/[.]/g, "\\."));
/** `dir/.../name.ext` under a top-level folder; not part of a longer path, a package name (@scope/x) or a URL. */
const PATH_MENTION = new RegExp(`(?<![\\w./@:-])((?:${escaped.join("|")})/[\\w./-]*\\.[a-z]{1,5})(?![\\w/-])`, "g");
/** Upstream source files are cited as "Dataform's cli/...". */
const UPSTREAM = /Dataform's\s+`?$/;

const files = await glob(["**/*.{md,ts,js,mjs,sqlx,yml,yaml,sh}", ".github/**/*.{yml,yaml}", ".ci/*"], {
  cwd: REPOSITORY_ROOT,
  ignore: ["**/node_modules/**", "target/**", "cdktf/cdktf.out/**", "cdktf/.gen/**", "tests/fixtures/**"],
  dot: true,
});

function commentText(file: string, text: string): string {
  if (file.endsWith(".md")) return text;
  return text
    .split("\n")
    .map((line) => {
      const trimmed = line.trim();
      if (/^(\/\/|\/\*|\*|#|--)/.test(trimmed)) return line;
      const trailing = line.search(/\s(\/\/|#|--)\s/);
      return trailing === -1 ? "" : line.slice(trailing);
    })
    .join("\n");
}

const exists = (from: string, target: string) => existsSync(join(REPOSITORY_ROOT, target)) || existsSync(join(REPOSITORY_ROOT, dirname(from), target));

describe("references to repository files", () => {
  it("finds the files to check", () => {
    expect(files).toContain("README.md");
    expect(files).toContain("runner/execution/runActions.ts");
  });

  it("relative markdown links point at files that exist", () => {
    const broken: string[] = [];
    for (const file of files.filter((name) => name.endsWith(".md"))) {
      for (const match of readFileSync(join(REPOSITORY_ROOT, file), "utf8").matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1]!.split("#")[0]!;
        if (target === "" || /^[a-z][a-z+.-]*:/i.test(target)) continue;
        if (!existsSync(join(REPOSITORY_ROOT, dirname(file), decodeURIComponent(target)))) broken.push(`${file}: ${match[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("paths mentioned in markdown text and code comments exist", () => {
    const dangling: string[] = [];
    for (const file of files) {
      const text = commentText(file, readFileSync(join(REPOSITORY_ROOT, file), "utf8"));
      for (const match of text.matchAll(PATH_MENTION)) {
        const path = match[1]!.replace(/\.$/, "");
        if (UPSTREAM.test(text.slice(Math.max(0, match.index - 20), match.index))) continue;
        if (NOT_REPOSITORY_FILES.some(([pattern]) => pattern.test(path))) continue;
        if (!exists(file, path)) dangling.push(`${file}: ${path}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it("catches a dangling mention (the check itself works)", () => {
    const mentions = [..."// see docs/dataform-semantics.md and loaders/README.md".matchAll(PATH_MENTION)].map((match) => match[1]);
    expect(mentions).toEqual(["docs/dataform-semantics.md", "loaders/README.md"]);
    expect(exists("runner/execution/runActions.ts", "docs/dataform-semantics.md")).toBe(false);
  });
});
