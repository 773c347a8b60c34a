import { tokens } from "./harness";

export type SseMessage = { id?: string; event?: string; data?: string; comment?: string; retry?: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/**
 * Opens an SSE route handler in process and reads it message by message, as an EventSource would
 * (blank-line separated blocks of `field: value` lines).
 */
export async function openSse(
  handler: Handler,
  path: string,
  options: {
    params?: Record<string, string>;
    headers?: Record<string, string>;
    as?: keyof typeof tokens | "anonymous";
  } = {},
) {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: "text/event-stream", ...options.headers };
  if (options.as !== "anonymous") headers.authorization = `Bearer ${tokens[options.as ?? "viewer"]}`;
  const response = await handler(new Request(`http://localhost${path}`, { headers, signal: abort.signal }), {
    params: Promise.resolve(options.params ?? {}),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let raw = "";
  const messages: SseMessage[] = [];
  let done = false;

  const pump = async () => {
    const chunk = await reader.read();
    if (chunk.done) {
      done = true;
      return;
    }
    const part = decoder.decode(chunk.value, { stream: true });
    raw += part;
    text += part;
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const message: SseMessage = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) message.comment = line.slice(1).trim();
        else {
          const at = line.indexOf(":");
          const field = line.slice(0, at) as keyof SseMessage;
          message[field] = line.slice(at + 1).replace(/^ /, "");
        }
      }
      messages.push(message);
    }
  };

  /** Reads until `predicate` holds for a message received so far (generous deadline: nothing here is timed). */
  async function waitFor(predicate: (messages: SseMessage[]) => boolean, what: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(messages)) {
      if (done) throw new Error(`Stream ended before ${what}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Timed out waiting for ${what}; got ${JSON.stringify(messages)}`);
      await Promise.race([pump(), new Promise((resolve) => setTimeout(resolve, remaining))]);
    }
    return messages;
  }

  const events = () =>
    messages
      .filter((m) => m.data !== undefined)
      .map((m) => ({ id: Number(m.id), type: m.event!, ...JSON.parse(m.data!) }));
  return {
    response,
    messages,
    events,
    raw: () => raw,
    waitFor,
    /** Waits for `count` events (data messages) in total. */
    waitForEvents: async (count: number, what = `${count} events`) => (
      await waitFor(() => events().length >= count, what),
      events()
    ),
    abort: () => abort.abort(),
    cancel: () => reader.cancel().catch(() => {}),
  };
}

export async function eventually(check: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
