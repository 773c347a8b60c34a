import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: IncomingHttpHeaders; body: string; path: string };
/** How the receiver answers one request (default 204). */
export type Answer = (request: Received, response: ServerResponse) => void;

/** A local webhook receiver on 127.0.0.1 recording every request (tests set WEBHOOK_ALLOW_PRIVATE_TARGETS=1). */
export async function startReceiver() {
  const received: Received[] = [];
  let answer: Answer = (_request, response) => response.writeHead(204).end();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const item = {
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        path: request.url ?? "/",
      };
      received.push(item);
      answer(item, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    answerWith(next: Answer) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
