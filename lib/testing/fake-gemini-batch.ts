// The Batch API half of the fake Gemini server: the endpoints @google/genai calls for a batch run
// from an uploaded JSONL file (resumable upload, batchGenerateContent, batches get/list/cancel,
// file download and delete), with the real wire shapes (a batch is a long-running operation whose
// metadata holds its state and, when done, output.responsesFile). Each request of a batch is
// answered exactly like an interactive call with the same body (script, markers, hashed scores),
// when the batch finishes. A batch reports RUNNING for `runningPolls` gets, then finishes.
import crypto from "node:crypto";
import type http from "node:http";
import {
  errorBody,
  sendJson,
  type FakeAnswer,
  type FakeCall,
  type FakeGeminiOptions,
  type GenerateContentBody,
} from "./fake-gemini-server";

export type FakeBatchOutcome = "succeeded" | "failed" | "expired";

export type FakeBatchOptions = {
  /** How many `batches.get` answer RUNNING before the batch finishes (default 1). */
  runningPolls?: number;
  /** How a batch ends (default "succeeded"); "expired" still delivers the first half of its results. */
  outcome?: (batch: FakeBatch) => FakeBatchOutcome | undefined;
  /** Make the n-th create (0-based) answer 503: "before" creating nothing, "after" creating the batch anyway. */
  failCreate?: (n: number) => "before" | "after" | undefined;
};

export type FakeFile = { name: string; displayName?: string; mimeType: string; bytes: Buffer; isDeleted: boolean };

export type FakeBatch = {
  name: string;
  model: string;
  displayName: string;
  inputFile: string;
  requestCount: number;
  state:
    | "BATCH_STATE_PENDING"
    | "BATCH_STATE_RUNNING"
    | "BATCH_STATE_SUCCEEDED"
    | "BATCH_STATE_FAILED"
    | "BATCH_STATE_CANCELLED"
    | "BATCH_STATE_EXPIRED";
  gets: number;
  resultFile?: string;
  createTime: string;
};

type Context = {
  options: FakeGeminiOptions;
  calls: FakeCall[];
  baseUrl: () => string;
  answer: (model: string, body: GenerateContentBody, index: number) => FakeAnswer;
};

const id = () => crypto.randomBytes(6).toString("hex");
const isFinished = (batch: FakeBatch) => !["BATCH_STATE_PENDING", "BATCH_STATE_RUNNING"].includes(batch.state);

function operation(batch: FakeBatch) {
  return {
    name: batch.name,
    metadata: {
      "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch",
      name: batch.name,
      model: batch.model,
      displayName: batch.displayName,
      inputConfig: { fileName: batch.inputFile },
      createTime: batch.createTime,
      updateTime: new Date().toISOString(),
      batchStats: { requestCount: String(batch.requestCount) },
      state: batch.state,
      ...(batch.resultFile ? { output: { responsesFile: batch.resultFile } } : {}),
    },
    ...(isFinished(batch) ? { done: true } : {}),
  };
}

export function createFakeBatchApi(context: Context) {
  const batches: FakeBatch[] = [];
  const files = new Map<string, FakeFile>();
  const uploads = new Map<string, { file: Omit<FakeFile, "bytes" | "isDeleted">; chunks: Buffer[] }>();

  /** Answers every request of the input file and writes the results file (in input order, keyed). */
  function finish(batch: FakeBatch) {
    const outcome = context.options.batch?.outcome?.(batch) ?? "succeeded";
    if (outcome === "failed") {
      batch.state = "BATCH_STATE_FAILED";
      return;
    }
    const lines = files.get(batch.inputFile)!.bytes.toString("utf8").split("\n").filter(Boolean);
    const answered = outcome === "expired" ? lines.slice(0, Math.floor(lines.length / 2)) : lines;
    const output = answered.map((line) => {
      const { key, request } = JSON.parse(line) as { key: string; request: GenerateContentBody };
      const index = context.calls.length;
      const answer = context.answer(batch.model.replace(/^models\//, ""), request, index);
      context.calls[index].batch = batch.name;
      if (!answer) return { key, error: { code: 504, message: "Deadline exceeded.", status: "DEADLINE_EXCEEDED" } };
      return answer.status === 200 ? { key, response: answer.payload } : { key, ...(answer.payload as object) };
    });
    const resultName = `files/batch-${batch.name.split("/")[1]}`;
    files.set(resultName, {
      name: resultName,
      mimeType: "application/jsonl",
      bytes: Buffer.from(output.map((line) => JSON.stringify(line)).join("\n") + "\n"),
      isDeleted: false,
    });
    batch.resultFile = resultName;
    batch.state = outcome === "expired" ? "BATCH_STATE_EXPIRED" : "BATCH_STATE_SUCCEEDED";
  }

  function upload(request: http.IncomingMessage, url: URL, raw: Buffer, response: http.ServerResponse) {
    const command = String(request.headers["x-goog-upload-command"] ?? "");
    if (command === "start") {
      const body = JSON.parse(raw.toString("utf8") || "{}") as { file?: { displayName?: string; mimeType?: string } };
      const uploadId = id();
      const mimeType = body.file?.mimeType ?? String(request.headers["x-goog-upload-header-content-type"] ?? "");
      uploads.set(uploadId, { file: { name: `files/${id()}`, displayName: body.file?.displayName, mimeType }, chunks: [] });
      response.setHeader("x-goog-upload-url", `${context.baseUrl()}/upload/v1beta/files?upload_id=${uploadId}&upload_protocol=resumable`);
      return sendJson(response, 200, {});
    }
    const pending = uploads.get(url.searchParams.get("upload_id") ?? "");
    if (!pending) return sendJson(response, 404, errorBody(404, "NOT_FOUND", "Unknown upload id."));
    pending.chunks.push(raw);
    if (!command.includes("finalize")) {
      response.setHeader("x-goog-upload-status", "active");
      return sendJson(response, 200, {});
    }
    const bytes = Buffer.concat(pending.chunks);
    const file: FakeFile = { ...pending.file, bytes, isDeleted: false };
    files.set(file.name, file);
    uploads.delete(url.searchParams.get("upload_id")!);
    response.setHeader("x-goog-upload-status", "final");
    return sendJson(response, 200, {
      file: { name: file.name, displayName: file.displayName, mimeType: file.mimeType, sizeBytes: String(bytes.length), state: "ACTIVE" },
    });
  }

  let creates = 0;
  function create(model: string, raw: Buffer, response: http.ServerResponse) {
    const failure = context.options.batch?.failCreate?.(creates++);
    if (failure === "before") return sendJson(response, 503, errorBody(503, "UNAVAILABLE", "The service is currently unavailable."));
    const body = JSON.parse(raw.toString("utf8")) as {
      batch?: { displayName?: string; inputConfig?: { fileName?: string; requests?: unknown } };
    };
    const inputFile = body.batch?.inputConfig?.fileName;
    const file = inputFile ? files.get(inputFile) : undefined;
    if (!inputFile || !file || file.isDeleted)
      return sendJson(
        response,
        400,
        errorBody(400, "INVALID_ARGUMENT", `Input file ${inputFile ?? "(none)"} not found; this fake takes file batches only.`),
      );
    const lines = file.bytes.toString("utf8").split("\n").filter(Boolean);
    const batch: FakeBatch = {
      name: `batches/${id()}`,
      model: `models/${model}`,
      displayName: body.batch?.displayName ?? "",
      inputFile,
      requestCount: lines.length,
      state: "BATCH_STATE_PENDING",
      gets: 0,
      createTime: new Date().toISOString(),
    };
    batches.push(batch);
    if (failure === "after") return sendJson(response, 503, errorBody(503, "UNAVAILABLE", "The service is currently unavailable."));
    return sendJson(response, 200, operation(batch));
  }

  function get(batch: FakeBatch, response: http.ServerResponse) {
    batch.gets++;
    if (!isFinished(batch)) {
      if (batch.gets <= (context.options.batch?.runningPolls ?? 1)) batch.state = "BATCH_STATE_RUNNING";
      else finish(batch);
    }
    return sendJson(response, 200, operation(batch));
  }

  /** True when the route was a batch or file route (answered here). */
  function handle(request: http.IncomingMessage, url: URL, raw: Buffer, response: http.ServerResponse): boolean {
    const path = url.pathname;
    const method = request.method ?? "GET";
    let match: RegExpExecArray | null;
    if (method === "POST" && path === "/upload/v1beta/files") return (upload(request, url, raw, response), true);
    if (method === "POST" && (match = /^\/v1beta\/models\/([^/:]+):batchGenerateContent$/.exec(path)))
      return (create(decodeURIComponent(match[1]), raw, response), true);
    if (method === "GET" && path === "/v1beta/batches") {
      const size = Number(url.searchParams.get("pageSize") ?? 50);
      const start = Number(url.searchParams.get("pageToken") ?? 0);
      const page = batches.slice(start, start + size);
      return (
        sendJson(response, 200, {
          operations: page.map(operation),
          ...(start + size < batches.length ? { nextPageToken: String(start + size) } : {}),
        }),
        true
      );
    }
    if ((match = /^\/v1beta\/batches\/([^/:]+)(:cancel)?$/.exec(path))) {
      const batch = batches.find((candidate) => candidate.name === `batches/${match![1]}`);
      if (!batch) return (sendJson(response, 404, errorBody(404, "NOT_FOUND", `Batch batches/${match[1]} not found.`)), true);
      if (method === "POST" && match[2]) {
        if (!isFinished(batch)) batch.state = "BATCH_STATE_CANCELLED";
        return (sendJson(response, 200, {}), true);
      }
      if (method === "GET" && !match[2]) return (get(batch, response), true);
    }
    if ((match = /^\/v1beta\/files\/([^/:]+)(:download)?$/.exec(path))) {
      const file = files.get(`files/${match[1]}`);
      if (!file || file.isDeleted) return (sendJson(response, 404, errorBody(404, "NOT_FOUND", `File files/${match[1]} not found.`)), true);
      if (method === "DELETE") {
        file.isDeleted = true;
        return (sendJson(response, 200, {}), true);
      }
      if (method === "GET" && match[2]) {
        response.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.bytes.length });
        return (response.end(file.bytes), true);
      }
    }
    return false;
  }

  return { batches, files, handle };
}
