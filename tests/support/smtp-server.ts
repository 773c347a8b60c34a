import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { envelope: { from: string; to: string[] }; raw: string; parsed: ParsedMail };
/** How the server answers one DATA: null accepts (250), otherwise the SMTP reply code and text. */
export type DataAnswer = (mail: ReceivedMail, index: number) => { code: number; message: string } | null;

/**
 * A real SMTP server on 127.0.0.1 and a random port, recording every accepted message parsed by
 * mailparser. No TLS (STARTTLS is not offered) and authentication optional, so `url()` is a plain
 * `smtp://` SMTP_URL; `answerWith` makes it refuse messages (451 on the first DATA …).
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let dataCount = 0;
  let answer: DataAnswer = () => null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // No reverse DNS of 127.0.0.1 per connection (seconds where no resolver answers).
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        };
        const mail = { envelope, raw, parsed: await simpleParser(raw) };
        const refusal = answer(mail, dataCount++);
        if (!refusal) {
          received.push(mail);
          return callback();
        }
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: () => `smtp://127.0.0.1:${port}`,
    received,
    /** DATA commands seen so far, accepted or refused. */
    dataCount: () => dataCount,
    answerWith(next: DataAnswer) {
      answer = next;
    },
    reset() {
      received.length = 0;
      dataCount = 0;
      answer = () => null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpTestServer = Awaited<ReturnType<typeof startSmtpServer>>;
