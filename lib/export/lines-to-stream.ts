import "server-only";
// Lines → a byte stream that pulls from the generator only when the client has read what came
// before (backpressure): a 400K-row export keeps ~64 KB in flight, not the whole file.
const CHUNK_CHARS = 64 * 1024;

export function linesToStream(lines: AsyncGenerator<string>, label: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // A download aborted while a pull awaits the database: the controller is closed by then.
  let isCancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk = "";
        try {
          while (chunk.length < CHUNK_CHARS) {
            const next = await lines.next();
            if (isCancelled) return;
            if (next.done) {
              if (chunk) controller.enqueue(encoder.encode(chunk));
              controller.close();
              return;
            }
            chunk += `${next.value}\n`;
          }
          controller.enqueue(encoder.encode(chunk));
        } catch (error) {
          if (isCancelled) return;
          // Headers are gone already: the client sees a broken download, the log says why.
          console.error(`export of ${label} failed mid-stream`, error);
          controller.error(error);
        }
      },
      async cancel() {
        isCancelled = true;
        await lines.return(undefined); // stops the chunked queries when the download is aborted
      },
    },
    { highWaterMark: 1 },
  );
}
