/**
 * Where a position in compiled SQL comes from in the file the analyst edits. Dataform copies a
 * SQLX body (or a JS/TS template string) line by line, only replacing `${...}` expressions, so the
 * compiled lines are aligned with the source file's lines (a line diff, jsdiff's diffArrays):
 * identical lines map exactly, a line changed by a substitution maps to its counterpart between
 * the same identical neighbours. A `.js` action generated from TypeScript points at its `.ts`.
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { diffArrays } from "diff";

export interface SourceLocation {
  /** The file as the compiled graph names it (relative to the project), `.ts` for generated `.js`. */
  file: string;
  line: number;
  column: number;
  /** The source line, as written. */
  lineText: string;
  /** False when the compiled line has no identical source line (a substitution changed it). */
  exact: boolean;
}

/** The file the analyst edits for a compiled action's `fileName`. */
export function editedSourceFile(projectDir: string, fileName: string): string {
  if (fileName.endsWith(".js")) {
    const typescript = fileName.replace(/\.js$/, ".ts");
    if (existsSync(resolveIn(projectDir, typescript))) return typescript;
  }
  return fileName;
}

function resolveIn(projectDir: string, file: string): string {
  return isAbsolute(file) ? file : join(projectDir, file);
}

const normalize = (line: string) => line.trim().replace(/\s+/g, " ");

/**
 * Maps 1-based (line, column) of `compiled` to the source file. Undefined when the file cannot be
 * read or no line of it corresponds.
 */
export function locateInSource(projectDir: string, fileName: string, compiled: string, line: number, column: number): SourceLocation | undefined {
  const file = editedSourceFile(projectDir, fileName);
  const path = resolveIn(projectDir, file);
  if (!existsSync(path)) return undefined;
  const sourceLines = readFileSync(path, "utf8").split("\n");
  const compiledLines = compiled.split("\n");
  const compiledLine = compiledLines[line - 1];
  if (compiledLine === undefined) return undefined;

  // For each compiled line: the source line it is identical to, if any.
  const exact = new Map<number, number>();
  let compiledIndex = 0;
  let sourceIndex = 0;
  for (const part of diffArrays(compiledLines.map(normalize), sourceLines.map(normalize))) {
    const count = part.count ?? part.value.length;
    if (part.added) sourceIndex += count;
    else if (part.removed) compiledIndex += count;
    else {
      for (let offset = 0; offset < count; offset++) {
        if (part.value[offset] !== "") exact.set(compiledIndex + offset, sourceIndex + offset);
      }
      compiledIndex += count;
      sourceIndex += count;
    }
  }
  const target = line - 1;
  const identical = exact.get(target);
  if (identical !== undefined) {
    const sourceLine = sourceLines[identical]!;
    const shift = indentation(sourceLine) - indentation(compiledLine);
    return { file, line: identical + 1, column: Math.max(1, column + shift), lineText: sourceLine, exact: true };
  }
  // Between the nearest identical neighbours: the same distance from the one above.
  let above = target - 1;
  while (above >= 0 && !exact.has(above)) above--;
  let below = target + 1;
  while (below < compiledLines.length && !exact.has(below)) below++;
  // Lines before the first identical line belong to the statement Dataform wraps around the SQL.
  if (above < 0) return undefined;
  const sourceAbove = exact.get(above)!;
  const sourceBelow = below < compiledLines.length ? exact.get(below)! : sourceLines.length;
  const guess = Math.min(sourceAbove + (target - above), sourceBelow - 1);
  if (guess <= sourceAbove || guess < 0) return undefined;
  const sourceLine = sourceLines[guess]!;
  return { file, line: guess + 1, column: columnOfSameText(compiledLine, column, sourceLine), lineText: sourceLine, exact: false };
}

function indentation(line: string): number {
  return line.length - line.trimStart().length;
}

/** The column of the text at `column` of `compiledLine` within `sourceLine`, else its first non-blank. */
function columnOfSameText(compiledLine: string, column: number, sourceLine: string): number {
  const word = /^[\w.`'"]+|^\S/.exec(compiledLine.slice(column - 1))?.[0];
  if (word) {
    const found = sourceLine.indexOf(word);
    if (found !== -1) return found + 1;
  }
  return indentation(sourceLine) + 1;
}
