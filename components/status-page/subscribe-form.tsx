import type { PublicComponent } from "@/lib/status-pages/public-snapshot";
import { HookSubscribeForm } from "./hook-subscribe-form";

// A plain POST form: it works with JavaScript off, and the handler answers with a whole page.
export function SubscribeForm({ slug, components }: { slug: string; components: PublicComponent[] }) {
  return (
    <section aria-labelledby="subscribe-heading" className="subscribe">
      <h2 id="subscribe-heading">Get updates by email</h2>
      <form method="post" action={`/status/${slug}/subscribe`} aria-label="Subscribe by email">
        <p>
          <label htmlFor="subscribe-email">Email address</label>{" "}
          <input id="subscribe-email" name="email" type="email" required autoComplete="email" />
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
          <button type="submit">Subscribe</button> We send a link to confirm first.
        </p>
      </form>
      <HookSubscribeForm slug={slug} components={components} />
    </section>
  );
}
