import { HOOK_TYPE_LABELS, HOOK_TYPES } from "@/lib/status-pages/hook-schemas";
import type { PublicComponent } from "@/lib/status-pages/public-snapshot";

// The webhook and chat sign-up (decision 0124): a plain POST form, closed by default, no script.
export function HookSubscribeForm({ slug, components }: { slug: string; components: PublicComponent[] }) {
  return (
    <details className="hook-subscribe">
      <summary>Or post updates to a webhook or a chat channel</summary>
      <form method="post" action={`/status/${slug}/subscribe-webhook`}>
        <p>
          <label htmlFor="hook-subscribe-type">Kind</label>{" "}
          <select id="hook-subscribe-type" name="type" defaultValue="webhook">
            {HOOK_TYPES.map((type) => (
              <option key={type} value={type}>
                {HOOK_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor="hook-subscribe-url">Webhook URL</label>{" "}
          <input id="hook-subscribe-url" name="url" type="url" required placeholder="https://…" />
        </p>
        {components.length > 0 && (
          <fieldset>
            <legend>Which components?</legend>
            <label>
              <input type="radio" name="scope" value="all" defaultChecked /> All components
            </label>
            <label>
              <input type="radio" name="scope" value="some" /> Only those ticked:
            </label>
            <ul className="choices">
              {components.map((component) => (
                <li key={component.id}>
                  <label>
                    <input type="checkbox" name="component" value={component.id} /> {component.name}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <p>
          <button type="submit">Subscribe the URL</button> We post a link to confirm to it first.
        </p>
      </form>
    </details>
  );
}
