/**
 * Property: whatever the bytes of a file, `load` accounts for every line (loaded + quarantined =
 * lines, each quarantined line with its number and reason) or refuses the whole file with a
 * LoadError naming it, and then the raw tables are unchanged. Files are real REES46 lines mutated at
 * the byte and field level. Seeded, so a failure reproduces; every case it found is a fixed fixture
 * in tests/fixtures/bad-input/ asserted in badInputCorpus.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountingMismatchError, EmptyFileError, HeaderMismatchError, LoadError } from "../../loaders/errors.js";
import { CSV_HEADER, generateDataset } from "../../loaders/generate/generateDataset.js";
import { openLoadHarness, type LoadHarness } from "../support/loadHarness.js";
import { REES46_SAMPLE_AVAILABLE, REES46_SAMPLE_FILE } from "../support/rees46Sample.js";

// Fixed in `npm test`; LOADER_PROPERTY_SEED and LOADER_PROPERTY_RUNS explore further by hand.
const SEED = Number(process.env["LOADER_PROPERTY_SEED"] ?? 20261112);
const RUNS = Number(process.env["LOADER_PROPERTY_RUNS"] ?? 200);
const QUOTE = 0x22;

let dir: string;
let harness: LoadHarness;
let pool: string[];

/** Real lines when the sample is there (rees46Sample.ts prints a notice when not), generated ones otherwise. */
async function sourceLines(): Promise<string[]> {
  if (REES46_SAMPLE_AVAILABLE) return readFileSync(REES46_SAMPLE_FILE, "utf8").split("\n").slice(1, 2001).filter(Boolean);
  const [generated] = await generateDataset({ events: 2000, days: 1, start: "2019-10-01", seed: 7, outDir: join(dir, "generated"), split: "none", gzip: false });
  return readFileSync(generated!.path, "utf8").split("\n").slice(1).filter(Boolean);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "loader-property-"));
  pool = await sourceLines();
  harness = await openLoadHarness();
  // Rows already in the warehouse, so "unchanged on refusal" is about something.
  const base = join(dir, "base.csv");
  writeFileSync(base, `${CSV_HEADER}\n${pool.slice(0, 20).join("\n")}\n`);
  await harness.load(base);
});
afterAll(() => {
  harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One file under construction: its lines (header first) and how each ends. */
interface Draft {
  lines: Buffer[];
  endings: string[];
}

type Mutation = (draft: Draft) => void;

const BYTES_TO_INSERT = ['"', ",", "\0", "\r", "\n", "\r\n", '""', "\uFEFF", "\u00e9"].map((text) => Buffer.from(text)).concat(
  [[0xff], [0xc3], [0xe2, 0x82], [0x80]].map((bytes) => Buffer.from(bytes)),
);

const lineIndex = (draft: Draft, pick: number, withHeader: boolean) => {
  const first = withHeader ? 0 : Math.min(1, draft.lines.length - 1);
  return first + (pick % Math.max(1, draft.lines.length - first));
};

/** A mutation of a data line (or, with `withHeader`, possibly the header). */
function mutationArbitrary(withHeader: boolean): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  const onLine = (change: (line: Buffer, position: number) => Buffer) =>
    fc.tuple(at, at).map(([pick, position]): Mutation => (draft) => {
      const index = lineIndex(draft, pick, withHeader);
      const line = draft.lines[index]!;
      draft.lines[index] = change(line, line.length === 0 ? 0 : position % (line.length + 1));
    });
  const onFields = (change: (fields: string[], field: number) => string[]) =>
    fc.tuple(at, at).map(([pick, field]): Mutation => (draft) => {
      const index = lineIndex(draft, pick, withHeader);
      const fields = draft.lines[index]!.toString("latin1").split(",");
      draft.lines[index] = Buffer.from(change(fields, field % fields.length).join(","), "latin1");
    });
  return fc.oneof(
    // Line endings.
    fc.tuple(at, fc.constantFrom("\n", "\r\n", "\r", "\n\n", "\r\r\n", "")).map(([pick, ending]): Mutation => (draft) => {
      draft.endings[lineIndex(draft, pick, withHeader)] = ending;
    }),
    // Bytes: quotes, separators, NUL, CR/LF, BOM, invalid and truncated UTF-8.
    fc.tuple(fc.constantFrom(...BYTES_TO_INSERT), at, at).map(([bytes, pick, position]): Mutation => (draft) => {
      const index = lineIndex(draft, pick, withHeader);
      const line = draft.lines[index]!;
      const cut = position % (line.length + 1);
      draft.lines[index] = Buffer.concat([line.subarray(0, cut), bytes, line.subarray(cut)]);
    }),
    onLine((line, position) => Buffer.concat([line.subarray(0, position), line.subarray(position + 1)])),
    // Truncation.
    onLine((line, position) => line.subarray(0, position)),
    // Over-long lines: past the pre-pass's 64 KiB of kept text, and past DuckDB's 2 MB line limit.
    fc.tuple(fc.constantFrom(70_000, 2_100_000), at, at).map(([length, pick, position]): Mutation => (draft) => {
      const index = lineIndex(draft, pick, false);
      const line = draft.lines[index]!;
      const cut = position % (line.length + 1);
      draft.lines[index] = Buffer.concat([line.subarray(0, cut), Buffer.alloc(length, "x"), line.subarray(cut)]);
    }),
    // Fields: missing, extra, emptied, quoted with an embedded newline, comma or doubled quote, opened and never closed.
    onFields((fields, field) => fields.filter((_, index) => index !== field)),
    onFields((fields, field) => [...fields.slice(0, field + 1), fields[field]!, ...fields.slice(field + 1)]),
    onFields((fields, field) => fields.map((value, index) => (index === field ? "" : value))),
    fc.tuple(fc.constantFrom('"a\nb"', '"a\r\nb"', '"a,b"', '"say ""hi"""', '"', '"open', '"x"y', '""'), at, at).map(
      ([replacement, pick, field]): Mutation => (draft) => {
        const index = lineIndex(draft, pick, withHeader);
        const fields = draft.lines[index]!.toString("latin1").split(",");
        fields[field % fields.length] = replacement;
        draft.lines[index] = Buffer.from(fields.join(","), "latin1");
      },
    ),
  );
}

const fileArbitrary = fc.record({
  picks: fc.array(fc.nat(), { minLength: 0, maxLength: 8 }),
  mutations: fc.array(mutationArbitrary(false), { maxLength: 4 }),
  headerMutations: fc.oneof({ weight: 9, arbitrary: fc.constant([] as Mutation[]) }, { weight: 1, arbitrary: fc.array(mutationArbitrary(true), { maxLength: 2 }) }),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  truncateAt: fc.option(fc.nat(), { freq: 8 }),
  gzip: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

type FileSpec = typeof fileArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildFile(spec: FileSpec): Buffer {
  const draft: Draft = {
    lines: [Buffer.from(CSV_HEADER), ...spec.picks.map((pick) => Buffer.from(pool[pick % pool.length]!))],
    endings: [],
  };
  draft.endings = draft.lines.map(() => "\n");
  for (const mutate of [...spec.mutations, ...spec.headerMutations]) mutate(draft);
  if (!spec.finalNewline) draft.endings[draft.endings.length - 1] = "";
  let bytes = Buffer.concat(draft.lines.flatMap((line, index) => [line, Buffer.from(draft.endings[index]!)]));
  if (spec.bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  if (spec.truncateAt !== null) bytes = bytes.subarray(0, spec.truncateAt % (bytes.length + 1));
  return bytes;
}

/** Everything in the raw tables, as a fingerprint to compare before and after a refused load. */
const rawFingerprint = async () =>
  harness.rows(`SELECT
    (SELECT count(*) FROM raw.events) AS events, (SELECT count(*) FROM raw.events_rejected) AS rejected,
    (SELECT count(*) FROM raw.load_manifest) AS manifest,
    (SELECT sum(hash(_source_file, _source_line, user_session)) FROM raw.events) AS events_hash,
    (SELECT sum(hash(_source_file, _source_line, reason, raw_text)) FROM raw.events_rejected) AS rejected_hash`);

/** An independent line count for files without quotes (no record spans lines): LF-separated pieces. */
function linesWithoutQuotes(bytes: Buffer): number {
  const pieces = bytes.toString("latin1").split("\n");
  if (pieces[pieces.length - 1] === "") pieces.pop();
  return pieces.length - 1;
}

describe("the loader never dies on input (property, seeded)", () => {
  it(`accounts for every line of ${RUNS} mutated files or refuses the whole file, naming it`, { timeout: 120_000 }, async () => {
    let caseNumber = 0;
    const outcomes = { loaded: 0, refused: 0, quarantinedLines: 0 };
    await fc.assert(
      fc.asyncProperty(fileArbitrary, async (spec) => {
        const bytes = buildFile(spec);
        const path = join(dir, `case-${++caseNumber}.csv${spec.gzip ? ".gz" : ""}`);
        writeFileSync(path, spec.gzip ? gzipSync(bytes) : bytes);
        try {
          await checkOneFile(path, bytes, spec);
        } catch (error) {
          // The file's text, to turn the case into a fixture.
          const text = JSON.stringify(bytes.toString("latin1"));
          throw new Error(`${(error as Error).message}\nfile (latin1): ${text.length > 3000 ? `${text.slice(0, 3000)}...` : text}`, { cause: error });
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The generator must exercise both outcomes and real quarantining, or it proves little.
    expect(outcomes.loaded).toBeGreaterThan(RUNS / 2);
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.quarantinedLines).toBeGreaterThan(RUNS / 4);

    async function checkOneFile(path: string, bytes: Buffer, spec: FileSpec): Promise<void> {
      const before = await rawFingerprint();
      let result;
      try {
        result = await harness.load(path, { maxRejected: { kind: "percent", value: 100 } });
      } catch (error) {
        // A refusal: a load error that names the file, never an accounting gap, and nothing changed.
        expect(error).toBeInstanceOf(LoadError);
        expect(error).not.toBeInstanceOf(AccountingMismatchError);
        expect((error as LoadError).message.startsWith(`${path}: `)).toBe(true);
        // Only a file without a usable header line may be refused.
        expect(error instanceof HeaderMismatchError || error instanceof EmptyFileError, (error as Error).message).toBe(true);
        expect(await rawFingerprint()).toEqual(before);
        outcomes.refused++;
        return;
      }
      if (result.status === "skipped") {
        // The same bytes as an earlier case: loading them again is a no-op.
        expect(await rawFingerprint()).toEqual(before);
        return;
      }
      outcomes.loaded++;
      expect(result.status).toBe("loaded");
      expect(result.loaded + result.rejected).toBe(result.lines);
      if (bytes.indexOf(QUOTE) === -1 && !spec.gzip) expect(result.lines).toBe(linesWithoutQuotes(bytes.subarray(spec.bom ? 3 : 0)));
      const lines = await harness.rows<{ line: number; reason: string | null }>(
        `SELECT _source_line::INT AS line, NULL AS reason FROM raw.events WHERE _load_id = '${result.loadId}'
         UNION ALL SELECT _source_line::INT, reason FROM raw.events_rejected WHERE _load_id = '${result.loadId}' ORDER BY line`,
      );
      // Lines 2 .. lines + 1, each exactly once; every quarantined one has a reason.
      expect(lines.map((row) => row.line)).toEqual(Array.from({ length: result.lines }, (_, index) => index + 2));
      const quarantined = await harness.rows<{ reason: string }>(`SELECT reason FROM raw.events_rejected WHERE _load_id = '${result.loadId}'`);
      expect(quarantined.every((row) => row.reason.length > 0)).toBe(true);
      outcomes.quarantinedLines += quarantined.length;
    }
  });
});
