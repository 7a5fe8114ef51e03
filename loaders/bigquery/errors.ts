/** Errors of the BigQuery target, kept apart from the heavy Google client modules so the CLI loads fast. */

export class MissingTargetSettingError extends Error {
  constructor(setting: string, flag: string, variable: string) {
    super(`The BigQuery target needs the ${setting}: pass ${flag} or set ${variable}.`);
    this.name = "MissingTargetSettingError";
  }
}

export class TransferRunFailedError extends Error {
  constructor(run: string, state: string, detail: string) {
    super(`Transfer run ${run} ended ${state}: ${detail}`);
    this.name = "TransferRunFailedError";
  }
}
