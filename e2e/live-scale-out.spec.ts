import { pgServers } from "./support/pg-servers";
import { insertResponderToken } from "./support/api-token";
import { expect, test } from "./support/test";

// The live stream across instances: a change made through one `next start` reaches a stream open on
// the other, through PostgreSQL LISTEN/NOTIFY (docs/live.md). Ports next to scale-out.spec.ts's.
const BASE = Number(process.env.E2E_PORT ?? 3210);
const PORTS = [BASE + 13, BASE + 14];
const cluster = pgServers(PORTS);
let authorization = "";

test.beforeAll(async () => {
  await cluster.start();
  authorization = await insertResponderToken(cluster.databaseUrl, "tok_live", "live");
});

test.afterAll(() => cluster.stop());

const api = (port: number, path: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      authorization,
      ...(init.headers as Record<string, string>),
    },
  });

/** Reads SSE data messages from a fetch body until `count` have arrived (generous deadline). */
async function readEvents(body: ReadableStream<Uint8Array>, count: number) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: { id: number; type: string; data: Record<string, unknown> }[] = [];
  let text = "";
  const deadline = Date.now() + 30_000;
  while (events.length < count && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf("\n\n")) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const data = block.split("\n").find((line) => line.startsWith("data: "));
      if (data) events.push(JSON.parse(data.slice(6)));
    }
  }
  await reader.cancel();
  return events;
}

test("an update posted on one server arrives on a stream open on the other, and a replay there returns it", async () => {
  const declared = await api(PORTS[0], "/api/dashboard/incidents", {
    method: "POST",
    body: JSON.stringify({
      title: "Cross-instance live",
      severity: "SEV2",
      services: ["search-api"],
      environment: "production",
    }),
  });
  expect(declared.status).toBe(201);
  const { id } = await declared.json();

  const stream = await api(PORTS[1], `/api/dashboard/incidents/${id}/events`, {
    headers: { accept: "text/event-stream" },
  });
  expect(stream.status).toBe(200);
  expect(stream.headers.get("content-type")).toContain("text/event-stream");
  const arriving = readEvents(stream.body!, 1);
  // The server attaches the stream to its hub before it answers, so a change posted now cannot fall before it.
  const posted = await api(PORTS[0], `/api/dashboard/incidents/${id}/timeline`, {
    method: "POST",
    body: JSON.stringify({ type: "update", message: "Posted on the first server" }),
  });
  expect(posted.status).toBe(201);
  const [event] = await arriving;
  expect(event).toMatchObject({
    type: "incident.update_posted",
    data: { kind: "update", message: "Posted on the first server" },
  });

  // A client reconnecting to the first server from before that event gets it replayed.
  const replay = await api(PORTS[0], `/api/dashboard/incidents/${id}/events`, {
    headers: { "last-event-id": String(event.id - 1) },
  });
  const [replayed] = await readEvents(replay.body!, 1);
  expect(replayed).toMatchObject({ id: event.id, data: { message: "Posted on the first server" } });
});
