import { Markdown } from "@/components/markdown";
import type { PostmortemView } from "@/lib/postmortems/schemas";

// A server component (not in the editor's client file), so the published document's Markdown is
// rendered on the server and react-markdown never reaches the browser.
/** A published postmortem: read-only. */
export function PostmortemDocument({ sections }: { sections: PostmortemView["sections"] }) {
  return (
    <article className="space-y-6">
      {sections.map((s) => (
        <section key={s.key} aria-label={s.title}>
          <h2 className="mb-2 text-base font-semibold">{s.title}</h2>
          <Markdown>{s.text}</Markdown>
        </section>
      ))}
    </article>
  );
}
