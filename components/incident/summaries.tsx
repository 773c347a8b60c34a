import { Markdown } from "@/components/markdown";

/** The mitigation and resolution summaries, written in the same Markdown as timeline updates. */
export function Summaries({
  mitigation,
  resolution,
}: {
  mitigation: string | null;
  resolution: string | null;
}) {
  return (
    <dl className="space-y-2">
      {mitigation && (
        <div>
          <dt className="text-sm font-medium">Mitigation</dt>
          <dd>
            <Markdown>{mitigation}</Markdown>
          </dd>
        </div>
      )}
      {resolution && (
        <div>
          <dt className="text-sm font-medium">Resolution</dt>
          <dd>
            <Markdown>{resolution}</Markdown>
          </dd>
        </div>
      )}
    </dl>
  );
}
