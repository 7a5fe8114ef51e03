/** The report's errors: each says what is wrong and which command puts it right. */

export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class WarehouseNotFoundError extends ReportError {
  constructor(path: string) {
    super(`There is no warehouse at ${path}. Build it with \`npm start\` (or \`npx clickstream pipeline\`), or pass --warehouse.`);
  }
}

export class MissingReportTablesError extends ReportError {
  constructor(
    readonly warehouse: string,
    readonly missing: string[],
  ) {
    super(
      `The warehouse ${warehouse} lacks what the report reads: ${missing.join(", ")}. ` +
        "Build the marts with `npx clickstream run` (after `npx clickstream load FILES`), or run everything with `npm start`.",
    );
  }
}

export class EmptyWarehouseError extends ReportError {
  constructor(warehouse: string) {
    super(
      `The marts in ${warehouse} hold no events yet. Load data with \`npx clickstream load FILES\` and build the marts with \`npx clickstream run\`, or run \`npm start\`.`,
    );
  }
}

export class ReportSettingsError extends ReportError {}

/** A chart that Vega could not draw: a bug in its spec for data of this shape. */
export class ChartRenderError extends ReportError {
  constructor(chart: string, errors: string[]) {
    super(`Could not draw "${chart}": ${errors.join("; ")}. This is a bug in report/charts; please report it with the shape of your data (days, event types).`);
  }
}
