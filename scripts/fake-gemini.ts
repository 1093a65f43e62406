// The local fake of the Gemini API as a standalone server, for e2e runs and manual checks:
//   tsx scripts/fake-gemini.ts [--port 8787] [--api-key KEY] [--batch-running-polls N]
// then GEMINI_BASE_URL=http://127.0.0.1:8787 GEMINI_API_KEY=KEY npm run judge -- --dataset NAME
// Replies are derived from a hash of the request; an instruction containing "[fake:500]",
// "[fake:429]", "[fake:invalid-json]", "[fake:missing-fields]", "[fake:out-of-range]",
// "[fake:refusal]", "[fake:blocked]" or "[fake:hang]" gets that reply instead, in a batch too.
// Batches (npm run judge -- --batch) answer RUNNING for --batch-running-polls polls (default 1),
// then finish: raise it to stop and resume a batch run by hand.
import { die, flag, parseArgs } from "../lib/cli/args";
import { startFakeGemini } from "../lib/testing/fake-gemini-server";

const args = parseArgs(process.argv.slice(2), ["help"]);
if (flag(args, "help")) {
  console.log(
    "usage: tsx scripts/fake-gemini.ts [--port N (default $FAKE_GEMINI_PORT or 8787)] [--host H] [--api-key KEY] [--batch-running-polls N]",
  );
  process.exit(0);
}
const portText = flag(args, "port") ?? process.env.FAKE_GEMINI_PORT ?? "8787";
if (!/^\d+$/.test(portText)) die(`--port must be a number, not ${JSON.stringify(portText)}`);
const pollsText = flag(args, "batch-running-polls") ?? "1";
if (!/^\d+$/.test(pollsText)) die(`--batch-running-polls must be a whole number, not ${JSON.stringify(pollsText)}`);

let fake: Awaited<ReturnType<typeof startFakeGemini>>;
try {
  fake = await startFakeGemini({
    port: Number(portText),
    host: flag(args, "host"),
    apiKey: flag(args, "api-key"),
    batch: { runningPolls: Number(pollsText) },
  });
} catch (error) {
  die(`cannot listen on port ${portText}: ${(error as Error).message}`);
}
// Playwright's webServer waits for this URL (GET /health answers 200).
console.log(`fake Gemini API listening on ${fake.url}`);
const stop = async () => {
  await fake.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
