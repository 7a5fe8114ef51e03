/**
 * BigQuery's SQL front end and reference engine, offline: the ZetaSQL local service (a gRPC server
 * shipped as a binary in @fivetrandevelopers/zetasql) started on a free loopback port for the
 * length of a check. Only the calls the project needs are wrapped: analyze a statement, prepare a
 * query (its output columns), evaluate a query over rows sent with the request.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { ensureZetasqlInstalled } from "./installZetasql.js";
import type { Column, TypeProto, ValueProto } from "./zetasqlTypes.js";

/** What the service said about a statement it refused: BigQuery's message and where, in the text sent. */
export class ZetasqlRefusal extends Error {
  constructor(
    readonly detail: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(detail);
    this.name = "ZetasqlRefusal";
  }
}

export class ZetasqlServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZetasqlServiceError";
  }
}

export interface SimpleTable {
  name: string;
  column: Array<{ name: string; type: TypeProto }>;
}

export interface SimpleConstant {
  name_path: string[];
  type: TypeProto;
  value: ValueProto;
}

export interface SimpleCatalog {
  name: string;
  table: SimpleTable[];
  constant: SimpleConstant[];
  builtin_function_options?: unknown;
}

/** A catalog of tables (full name → columns) and script variables as constants, as the service takes it. */
export function simpleCatalog(tables: Iterable<[string, Column[]]>, constants: SimpleConstant[] = []): SimpleCatalog {
  return {
    name: "bigquery",
    table: [...tables].map(([name, columns]) => ({ name, column: columns.map((column) => ({ name: column.name, type: column.type })) })),
    constant: constants,
  };
}

export interface TableRows {
  rows: ValueProto[][];
}

export interface QueryResult {
  columns: Column[];
  rows: ValueProto[][];
}

/** The statements the check sends; the service accepts only the kinds listed. */
const STATEMENT_KINDS = [
  "RESOLVED_QUERY_STMT",
  "RESOLVED_CREATE_TABLE_AS_SELECT_STMT",
  "RESOLVED_CREATE_TABLE_STMT",
  "RESOLVED_CREATE_VIEW_STMT",
  "RESOLVED_CREATE_MATERIALIZED_VIEW_STMT",
  "RESOLVED_MERGE_STMT",
  "RESOLVED_INSERT_STMT",
  "RESOLVED_DELETE_STMT",
  "RESOLVED_UPDATE_STMT",
  "RESOLVED_TRUNCATE_STMT",
  "RESOLVED_DROP_STMT",
];

/**
 * ZetaSQL's maximum feature set, less what BigQuery does not have: it refuses to compare, group,
 * order or DISTINCT arrays, and to group by structs; it has no WITH GROUP ROWS, positional struct
 * access or FLATTEN.
 */
const FEATURES_BIGQUERY_LACKS = new Set([
  "FEATURE_V_1_1_ARRAY_EQUALITY",
  "FEATURE_V_1_3_ARRAY_ORDERING",
  "FEATURE_V_1_2_GROUP_BY_ARRAY",
  "FEATURE_V_1_2_GROUP_BY_STRUCT",
  "FEATURE_V_1_3_WITH_GROUP_ROWS",
  "FEATURE_V_1_4_STRUCT_POSITIONAL_ACCESSOR",
  "FEATURE_V_1_3_UNNEST_AND_FLATTEN_ARRAYS",
]);

/** BigQuery evaluates in UTC; ZetaSQL's default zone is America/Los_Angeles. */
const BIGQUERY_TIMEZONE = "UTC";

type UnaryCall = (request: unknown, callback: (error: grpc.ServiceError | null, response: unknown) => void) => void;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

export class ZetasqlService {
  private analyzerOptions: Record<string, unknown> = {};

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: grpc.Client & Record<string, UnaryCall>,
    private readonly methods: Record<string, protoLoader.MethodDefinition<object, object>>,
  ) {}

  /** Installs the service on first use (telling `log`), starts it and waits until it answers. */
  static async start(log: (line: string) => void = () => undefined): Promise<ZetasqlService> {
    const files = await ensureZetasqlInstalled(log);
    const port = await freePort();
    const child = spawn(files.binary, ["localhost", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      child.once("exit", (code) => reject(new ZetasqlServiceError(`the ZetaSQL service exited (${code}) before answering: ${output.trim().slice(-500)}`))),
    );
    exited.catch(() => undefined);
    const definition = protoLoader.loadSync("local_service.proto", {
      keepCase: true,
      defaults: false,
      oneofs: true,
      longs: String,
      enums: String,
      includeDirs: [files.protoDir],
    });
    const loaded = grpc.loadPackageDefinition(definition) as unknown as {
      zetasql: { local_service: { ZetaSqlLocalService: new (address: string, credentials: grpc.ChannelCredentials, options: object) => grpc.Client } };
    };
    const client = new loaded.zetasql.local_service.ZetaSqlLocalService(`localhost:${port}`, grpc.credentials.createInsecure(), {
      "grpc.initial_reconnect_backoff_ms": 20,
      "grpc.max_reconnect_backoff_ms": 100,
      "grpc.max_send_message_length": 64 * 1024 * 1024,
      "grpc.max_receive_message_length": 64 * 1024 * 1024,
    }) as grpc.Client & Record<string, UnaryCall>;
    const methods = definition["zetasql.local_service.ZetaSqlLocalService"] as unknown as Record<string, protoLoader.MethodDefinition<object, object>>;
    const service = new ZetasqlService(child, client, methods);
    try {
      await Promise.race([
        exited,
        new Promise<void>((ready, reject) => client.waitForReady(Date.now() + 60_000, (error) => (error ? reject(error) : ready()))),
      ]);
      const language = (await service.call("GetLanguageOptions", { maximum_features: true })) as { enabled_language_features?: string[] };
      const features = (language.enabled_language_features ?? []).filter((feature) => !FEATURES_BIGQUERY_LACKS.has(feature));
      service.analyzerOptions = {
        language_options: { ...language, enabled_language_features: features, product_mode: "PRODUCT_EXTERNAL", supported_statement_kinds: STATEMENT_KINDS },
        default_timezone: BIGQUERY_TIMEZONE,
        error_message_mode: "ERROR_MESSAGE_ONE_LINE",
      };
    } catch (error) {
      service.close();
      throw error instanceof ZetasqlServiceError ? error : new ZetasqlServiceError(`the ZetaSQL service did not start: ${(error as Error).message}`);
    }
    return service;
  }

  private call(method: string, request: unknown): Promise<unknown> {
    return new Promise((resolveCall, reject) => {
      this.client[method]!.call(this.client, request, (error, response) => (error ? reject(error) : resolveCall(response)));
    });
  }

  /** A call whose answer is not needed: the (large) resolved AST is never decoded. */
  private callIgnoringResponse(method: string, request: object): Promise<void> {
    const definition = this.methods[method]!;
    return new Promise((resolveCall, reject) => {
      this.client.makeUnaryRequest(definition.path, definition.requestSerialize, () => ({}), request, (error) => (error ? reject(error) : resolveCall()));
    });
  }

  /** The catalog as the service wants it: builtin functions with the same language options. */
  private catalogProto(catalog: SimpleCatalog): SimpleCatalog {
    return { ...catalog, builtin_function_options: { language_options: this.analyzerOptions["language_options"] } };
  }

  /** Analyzes one statement; resolves when BigQuery would accept it, rejects with a ZetasqlRefusal when not. */
  async analyze(sql: string, catalog: SimpleCatalog): Promise<void> {
    try {
      await this.callIgnoringResponse("Analyze", { options: this.analyzerOptions, simple_catalog: this.catalogProto(catalog), sql_statement: sql });
    } catch (error) {
      throw refusal(error);
    }
  }

  /** The output columns of a query, without running it. */
  async outputColumns(sql: string, catalog: SimpleCatalog): Promise<Column[]> {
    let response: { prepared?: { columns?: Array<{ name: string; type: TypeProto }> } };
    try {
      response = (await this.call("PrepareQuery", { sql, options: this.analyzerOptions, simple_catalog: this.catalogProto(catalog) })) as typeof response;
    } catch (error) {
      throw refusal(error);
    }
    // Not unprepared: the service lives only as long as one check.
    return (response.prepared?.columns ?? []).map((column) => ({ name: column.name, type: column.type }));
  }

  /** Runs a query on the reference engine over `tables` (full names as the SQL writes them). */
  async evaluate(sql: string, catalog: SimpleCatalog, tables: Map<string, TableRows>): Promise<QueryResult> {
    const tableContent = Object.fromEntries(
      [...tables].map(([name, content]) => [name, { table_data: { row: content.rows.map((cell) => ({ cell })) } }]),
    );
    let response: { content?: { table_data?: { row?: Array<{ cell?: ValueProto[] }> } }; prepared?: { columns?: Array<{ name: string; type: TypeProto }> } };
    try {
      response = (await this.call("EvaluateQuery", {
        sql,
        options: this.analyzerOptions,
        simple_catalog: this.catalogProto(catalog),
        table_content: tableContent,
      })) as typeof response;
    } catch (error) {
      throw refusal(error);
    }
    return {
      columns: (response.prepared?.columns ?? []).map((column) => ({ name: column.name, type: column.type })),
      rows: (response.content?.table_data?.row ?? []).map((row) => row.cell ?? []),
    };
  }

  close(): void {
    this.client.close();
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

/** A gRPC error from the service as a refusal with BigQuery's message and its `[at line:column]`. */
function refusal(error: unknown): Error {
  const serviceError = error as grpc.ServiceError;
  if (serviceError.code === grpc.status.INVALID_ARGUMENT || serviceError.code === grpc.status.OUT_OF_RANGE) {
    const detail = serviceError.details ?? serviceError.message;
    const at = /\s*\[at (\d+):(\d+)\]\s*$/.exec(detail);
    return new ZetasqlRefusal(at ? detail.slice(0, at.index) : detail, at ? Number(at[1]) : undefined, at ? Number(at[2]) : undefined);
  }
  if (serviceError.code === grpc.status.RESOURCE_EXHAUSTED) {
    return new ZetasqlServiceError(`the request was too large for the ZetaSQL service (${serviceError.details}): send fewer rows`);
  }
  return new ZetasqlServiceError(`the ZetaSQL service failed: ${serviceError.details ?? serviceError.message}`);
}
