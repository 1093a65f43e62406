// A local HTTP server speaking the Gemini API's generateContent (and, in fake-gemini-batch.ts, the
// Batch and Files endpoints a batch run uses), so tests and e2e exercise the
// real @google/genai client (STYLE.md: external AI services are faked at the HTTP level, never
// by skipping the client). Replies use the real response shape; failures are scriptable per
// call, and without a script the answer is derived from a hash of the request's text, so the
// same candidate always gets the same plausible scores.
// An instruction containing a marker such as "[fake:500]" forces that reply without a script,
// which lets seeded e2e data reach every failure path through the standalone server.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeBatchApi, type FakeBatch, type FakeBatchOptions, type FakeFile } from "./fake-gemini-batch";

type Scores = {
  instruction_compliance: number;
  seamlessness: number;
  preservation_balance: number;
  technical_quality: number;
};

export type FakeReply =
  | { kind: "success"; scores?: Partial<Scores>; rationale?: string; extra?: Record<string, unknown> }
  /** Any answer text, e.g. prose, JSON with a field missing, a score of 7. */
  | { kind: "text"; text: string; finishReason?: string }
  | { kind: "invalid-json" }
  | { kind: "missing-fields" }
  | { kind: "out-of-range" }
  /** 429 RESOURCE_EXHAUSTED with a google.rpc.RetryInfo detail. */
  | { kind: "rate-limit"; retryDelaySeconds?: number }
  | { kind: "server-error"; status?: number }
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  | { kind: "hang" }
  /** finishReason SAFETY and no text. */
  | { kind: "refusal" }
  /** promptFeedback.blockReason and no candidates. */
  | { kind: "blocked" }
  | { kind: "default" };

export type FakeCall = {
  index: number;
  model: string;
  apiKey: string | undefined;
  body: GenerateContentBody;
  /** The text parts joined, what the default reply hashes. */
  text: string;
  imageCount: number;
  reply: FakeReply["kind"];
  /** Set for a request that came in a batch: the batch's name. */
  batch?: string;
  /** With delayMs: the client went away (closed, or its process was killed) before the answer. */
  isAbandoned?: boolean;
};

export type GenerateContentBody = {
  contents?: { role?: string; parts?: { text?: string; inlineData?: { mimeType?: string; data?: string } }[] }[];
  systemInstruction?: unknown;
  generationConfig?: Record<string, unknown>;
};

export type FakeGeminiOptions = {
  /** Batch API behaviour (how long batches run, whether one fails as a whole). */
  batch?: FakeBatchOptions;
  /** 0 or absent: an ephemeral port. */
  port?: number;
  host?: string;
  /** When set, requests with another x-goog-api-key get the real API's 400 INVALID_ARGUMENT. */
  apiKey?: string;
  /** Decides each reply; return undefined for the default behaviour. */
  script?: (callIndex: number, body: GenerateContentBody) => FakeReply | undefined;
  /** Answers generateContent after this long (a judge call in flight when its caller is killed). */
  delayMs?: number;
};

export type FakeGemini = {
  /** Base URL for httpOptions.baseUrl / GEMINI_BASE_URL. */
  url: string;
  port: number;
  /** Interactive calls and the requests of finished batches (their `batch` names the batch). */
  calls: FakeCall[];
  batches: FakeBatch[];
  files: Map<string, FakeFile>;
  close(): Promise<void>;
};

const MARKERS: Record<string, FakeReply> = {
  "[fake:invalid-json]": { kind: "invalid-json" },
  "[fake:missing-fields]": { kind: "missing-fields" },
  "[fake:out-of-range]": { kind: "out-of-range" },
  "[fake:429]": { kind: "rate-limit", retryDelaySeconds: 0 },
  "[fake:500]": { kind: "server-error", status: 500 },
  "[fake:hang]": { kind: "hang" },
  "[fake:refusal]": { kind: "refusal" },
  "[fake:blocked]": { kind: "blocked" },
};

/** Deterministic scores in [0.35, 1.0] from a hash of the request's text (two decimals). */
export function fakeScores(text: string): Scores {
  const digest = crypto.createHash("sha256").update(text).digest();
  const at = (index: number) => Math.round((0.35 + (digest.readUInt16BE(index * 2) / 0xffff) * 0.65) * 100) / 100;
  return { instruction_compliance: at(0), seamlessness: at(1), preservation_balance: at(2), technical_quality: at(3) };
}

export function requestText(body: GenerateContentBody): string {
  return (body.contents ?? [])
    .flatMap((content) => content.parts ?? [])
    .map((part) => part.text ?? "")
    .filter(Boolean)
    .join("\n");
}

export function countImages(body: GenerateContentBody): number {
  return (body.contents ?? []).flatMap((content) => content.parts ?? []).filter((part) => part.inlineData?.data).length;
}

function usage(body: GenerateContentBody, answer: string) {
  // Roughly what Gemini reports: 258 tokens per image, ~4 characters per text token.
  const promptTokenCount = countImages(body) * 258 + Math.ceil(requestText(body).length / 4);
  const candidatesTokenCount = Math.ceil(answer.length / 4);
  return { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount };
}

function answerResponse(model: string, body: GenerateContentBody, text: string, finishReason = "STOP") {
  return {
    candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason, index: 0 }],
    usageMetadata: usage(body, text),
    modelVersion: model,
    responseId: crypto.randomUUID().replace(/-/g, "").slice(0, 22),
  };
}

export function errorBody(code: number, status: string, message: string, details: unknown[] = []) {
  return { error: { code, message, status, ...(details.length ? { details } : {}) } };
}

export function sendJson(response: http.ServerResponse, status: number, payload: unknown) {
  const data = JSON.stringify(payload);
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8", "content-length": Buffer.byteLength(data) });
  response.end(data);
}

/** A reply as status and JSON body; null for "hang" (no answer at all). */
export type FakeAnswer = { status: number; payload: unknown } | null;

export function answerFor(model: string, body: GenerateContentBody, decided: FakeReply): FakeAnswer {
  const text = requestText(body);
  const ok = (answer: string, finishReason?: string) => ({ status: 200, payload: answerResponse(model, body, answer, finishReason) });
  switch (decided.kind) {
    case "default":
    case "success": {
      const scores = { ...fakeScores(text), ...(decided.kind === "success" ? decided.scores : {}) };
      const rationale = (decided.kind === "success" && decided.rationale) || "Fake judge: scores derived from a hash of the request.";
      const extra = decided.kind === "success" ? decided.extra : undefined;
      return ok(JSON.stringify({ rationale, ...scores, ...extra }));
    }
    case "text":
      return ok(decided.text, decided.finishReason);
    case "invalid-json":
      return ok('{"rationale": "The edit looks fine", "instruction_compliance": 0.9,');
    case "missing-fields":
      return ok(JSON.stringify({ rationale: "Only one score.", instruction_compliance: 0.8 }));
    case "out-of-range":
      return ok(
        JSON.stringify({
          rationale: "Scored out of ten.",
          instruction_compliance: 8,
          seamlessness: 7,
          preservation_balance: 9,
          technical_quality: 8,
        }),
      );
    case "rate-limit":
      return {
        status: 429,
        payload: errorBody(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", [
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${decided.retryDelaySeconds ?? 0}s` },
        ]),
      };
    case "server-error": {
      const status = decided.status ?? 500;
      return { status, payload: errorBody(status, status === 503 ? "UNAVAILABLE" : "INTERNAL", "An internal error has occurred.") };
    }
    case "hang":
      return null;
    case "refusal":
      return {
        status: 200,
        payload: {
          candidates: [
            {
              finishReason: "SAFETY",
              index: 0,
              safetyRatings: [{ category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true }],
            },
          ],
          usageMetadata: usage(body, ""),
          modelVersion: model,
        },
      };
    case "blocked":
      return { status: 200, payload: { promptFeedback: { blockReason: "SAFETY" }, usageMetadata: usage(body, ""), modelVersion: model } };
  }
}

/** What the server replies to one request body: the script, else a marker in the text, else the default. */
export function decideReply(options: FakeGeminiOptions, index: number, body: GenerateContentBody): FakeReply {
  const text = requestText(body);
  const marker = Object.keys(MARKERS).find((key) => text.includes(key));
  return options.script?.(index, body) ?? (marker ? MARKERS[marker] : { kind: "default" as const });
}

const ROUTE = /\/models\/([^/:]+):generateContent$/;

function isAuthorised(request: http.IncomingMessage, url: URL, response: http.ServerResponse, options: FakeGeminiOptions): string | null {
  const apiKey = (request.headers["x-goog-api-key"] as string | undefined) ?? url.searchParams.get("key") ?? undefined;
  if (!apiKey) {
    sendJson(
      response,
      403,
      errorBody(
        403,
        "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      ),
    );
    return null;
  }
  if (options.apiKey !== undefined && apiKey !== options.apiKey) {
    sendJson(response, 400, errorBody(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."));
    return null;
  }
  return apiKey;
}

export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const calls: FakeCall[] = [];
  let baseUrl = "";
  const batch = createFakeBatchApi({
    options,
    calls,
    baseUrl: () => baseUrl,
    answer: (model, body, index) => {
      const decided = decideReply(options, index, body);
      calls.push({
        index,
        model,
        apiKey: options.apiKey,
        body,
        text: requestText(body),
        imageCount: countImages(body),
        reply: decided.kind,
      });
      return answerFor(model, body, decided);
    },
  });
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method === "GET" && url.pathname === "/health")
      return sendJson(response, 200, { ok: true, calls: calls.length, batches: batch.batches.length });
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const apiKey = isAuthorised(request, url, response, options);
      if (apiKey === null) return;
      const raw = Buffer.concat(chunks);
      const match = ROUTE.exec(url.pathname);
      if (!match) {
        if (batch.handle(request, url, raw, response)) return;
        return sendJson(response, 404, errorBody(404, "NOT_FOUND", `No route for ${request.method} ${url.pathname}`));
      }
      if (request.method !== "POST")
        return sendJson(response, 404, errorBody(404, "NOT_FOUND", `No route for ${request.method} ${url.pathname}`));
      let body: GenerateContentBody;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return sendJson(response, 400, errorBody(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
      }
      const index = calls.length;
      const model = decodeURIComponent(match[1]);
      const decided = decideReply(options, index, body);
      const call: FakeCall = { index, model, apiKey, body, text: requestText(body), imageCount: countImages(body), reply: decided.kind };
      calls.push(call);
      const answer = answerFor(model, body, decided);
      if (!answer) return; // a hang is left open on purpose
      if (!options.delayMs) return sendJson(response, answer.status, answer.payload);
      const timer = setTimeout(() => sendJson(response, answer.status, answer.payload), options.delayMs);
      const abandon = () => {
        if (response.writableFinished || call.isAbandoned) return;
        clearTimeout(timer);
        call.isAbandoned = true;
        request.socket.destroy();
      };
      response.once("close", abandon);
      // A killed client's socket only ends (FIN): Node's HTTP server keeps it half-open, and the
      // answer written later would count as delivered. The end of the socket is the client gone.
      request.socket.once("end", abandon);
      response.once("finish", () => request.socket.off("end", abandon));
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;
  return {
    url: baseUrl,
    port,
    calls,
    batches: batch.batches,
    files: batch.files,
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests would keep close() waiting forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
