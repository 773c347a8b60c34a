import { controlClass, describedBy, FieldError, FieldHint, Label } from "@/components/form/field";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/schemas";

type Values = { url?: string; events?: string[]; format?: string; description?: string };

/** URL, events, format and description: shared by the create form and each subscription's edit form. */
export function WebhookFields({
  prefix,
  values,
  errors,
}: {
  prefix: string;
  values: Values;
  errors: Record<string, string>;
}) {
  const eventsError = Object.entries(errors).find(
    ([path]) => path === "events" || path.startsWith("events."),
  )?.[1];
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div className="md:col-span-2">
        <Label htmlFor={`${prefix}-url`}>Receiver URL</Label>
        <input
          id={`${prefix}-url`}
          name="url"
          type="url"
          inputMode="url"
          defaultValue={values.url ?? ""}
          placeholder="https://hooks.slack.com/services/…"
          aria-invalid={!!errors.url}
          aria-describedby={describedBy(`${prefix}-url`, { hint: true, error: errors.url })}
          className={controlClass}
        />
        <FieldHint id={`${prefix}-url`}>
          http(s) only, a public address; redirects are not followed.
        </FieldHint>
        <FieldError id={`${prefix}-url`} message={errors.url} />
      </div>
      <div>
        <Label htmlFor={`${prefix}-format`}>Format</Label>
        <select
          id={`${prefix}-format`}
          name="format"
          key={values.format}
          defaultValue={values.format ?? "standard"}
          className={controlClass}
        >
          <option value="standard">Standard Webhooks JSON (signed)</option>
          <option value="slack">Slack / Mattermost / Teams message</option>
        </select>
      </div>
      <div>
        <Label htmlFor={`${prefix}-description`} optional>
          Description
        </Label>
        <input
          id={`${prefix}-description`}
          name="description"
          defaultValue={values.description ?? ""}
          placeholder="#incidents channel"
          aria-invalid={!!errors.description}
          aria-describedby={describedBy(`${prefix}-description`, { error: errors.description })}
          className={controlClass}
        />
        <FieldError id={`${prefix}-description`} message={errors.description} />
      </div>
      <fieldset
        className="md:col-span-2"
        aria-describedby={eventsError ? `${prefix}-events-error` : undefined}
      >
        <legend className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">Events</legend>
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="events"
                value={event}
                defaultChecked={values.events?.includes(event) ?? false}
                className="h-4 w-4 rounded border-slate-300"
              />
              <code className="text-xs">{event}</code>
            </label>
          ))}
        </div>
        <FieldError id={`${prefix}-events`} message={eventsError} />
      </fieldset>
    </div>
  );
}
