// The Gemini Batch API through the real @google/genai client: upload a JSONL file of requests
// (ai.files.upload), create a batch from it (ai.batches.create), poll it (ai.batches.get), find
// one by its display name after a crash (ai.batches.list), download its results file
// (ai.files.download) and cancel it. File batches rather than inlined requests because two
// images per request exceed the 20 MB inline limit after a few dozen items. Vertex AI's batch
// prediction reads from Cloud Storage instead, which Ripe does not use: batch runs need an API key.
import { GoogleGenAI, JobState } from "@google/genai";
import { geminiSettings, type GeminiSettings } from "./gemini";

export type RemoteBatch = { name: string; state: string; resultFile: string | null };

export type BatchClient = {
  model: string;
  upload(filePath: string, displayName: string): Promise<string>;
  create(inputFile: string, displayName: string): Promise<RemoteBatch>;
  get(name: string): Promise<RemoteBatch>;
  /** The batch created under this display name, if Gemini has one (a create whose answer was lost). */
  findByDisplayName(displayName: string): Promise<RemoteBatch | null>;
  download(fileName: string, toPath: string): Promise<void>;
  cancel(name: string): Promise<void>;
  deleteFile(fileName: string): Promise<void>;
};

/** Gemini's states a batch ends in; results (possibly partial) may exist for each. */
export const FINISHED_STATES: readonly string[] = [
  JobState.JOB_STATE_SUCCEEDED,
  JobState.JOB_STATE_FAILED,
  JobState.JOB_STATE_CANCELLED,
  JobState.JOB_STATE_EXPIRED,
];

function remote(job: { name?: string; state?: string; dest?: { fileName?: string } }): RemoteBatch {
  if (!job.name) throw new Error("Gemini answered a batch request without a batch name.");
  return { name: job.name, state: job.state ?? JobState.JOB_STATE_UNSPECIFIED, resultFile: job.dest?.fileName ?? null };
}

export function createBatchClient(overrides: Partial<GeminiSettings> = {}): BatchClient {
  const settings = geminiSettings(overrides);
  if (settings.vertex) {
    throw new Error(
      "Batch runs use the Gemini Developer API's file batches: set GEMINI_API_KEY (Vertex AI batch prediction reads from Cloud Storage, which Ripe does not use), or run interactively.",
    );
  }
  const ai = new GoogleGenAI({ apiKey: settings.apiKey, ...(settings.baseUrl ? { httpOptions: { baseUrl: settings.baseUrl } } : {}) });
  const model = settings.model;
  return {
    model,
    async upload(filePath, displayName) {
      const file = await ai.files.upload({ file: filePath, config: { mimeType: "jsonl", displayName } });
      if (!file.name) throw new Error("Gemini accepted the batch file but returned no file name.");
      return file.name;
    },
    create: async (inputFile, displayName) => remote(await ai.batches.create({ model, src: inputFile, config: { displayName } })),
    get: async (name) => remote(await ai.batches.get({ name })),
    async findByDisplayName(displayName) {
      const pager = await ai.batches.list({ config: { pageSize: 100 } });
      for await (const job of pager) if (job.displayName === displayName) return remote(job);
      return null;
    },
    download: (fileName, toPath) => ai.files.download({ file: fileName, downloadPath: toPath }),
    cancel: (name) => ai.batches.cancel({ name }),
    async deleteFile(fileName) {
      await ai.files.delete({ name: fileName });
    },
  };
}
