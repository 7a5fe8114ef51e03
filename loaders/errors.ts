/** Why a file could not be loaded. Each names the file, and the line and field where there is one. */

export class LoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "LoadError";
  }
}

export class EmptyFileError extends LoadError {
  constructor(file: string) {
    super(file, "the file is empty; expected a header line (event_time,event_type,...) and data lines.");
    this.name = "EmptyFileError";
  }
}

export class CorruptFileError extends LoadError {
  constructor(file: string, detail: string) {
    super(file, `the file cannot be read to the end (${detail}); nothing was loaded. Re-download or re-compress it.`);
    this.name = "CorruptFileError";
  }
}

export class HeaderMismatchError extends LoadError {
  constructor(file: string, detail: string) {
    super(file, `line 1 (header): ${detail}`);
    this.name = "HeaderMismatchError";
  }
}

export class TooManyRejectsError extends LoadError {
  constructor(file: string, rejected: number, lines: number, limit: string, reasons: string[]) {
    super(
      file,
      `${rejected} of ${lines} lines are invalid, more than --max-rejected ${limit}; nothing was loaded from this file. ` +
        `Most common: ${reasons.join("; ")}`,
    );
    this.name = "TooManyRejectsError";
  }
}

export class ChangedFileError extends LoadError {
  constructor(file: string, previousSha: string) {
    super(file, `was loaded before with different content (sha256 ${previousSha.slice(0, 12)}…). Use --replace to swap its rows.`);
    this.name = "ChangedFileError";
  }
}

export class AccountingMismatchError extends LoadError {
  constructor(file: string, lines: number, loaded: number, rejected: number) {
    super(file, `the file has ${lines} data lines but ${loaded} were loaded and ${rejected} quarantined; nothing was loaded. Please report this file.`);
    this.name = "AccountingMismatchError";
  }
}

export class NoInputFilesError extends Error {
  constructor(patterns: string[]) {
    super(`No .csv or .csv.gz files match ${patterns.map((pattern) => `"${pattern}"`).join(", ")}.`);
    this.name = "NoInputFilesError";
  }
}
