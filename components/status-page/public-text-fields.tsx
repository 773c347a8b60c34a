import { compactControlClass, describedBy, FieldError, FieldHint, Label } from "@/components/form/field";
import { PUBLIC_PHASES, type PublicPhase } from "@/lib/status-pages/schemas";

export const PHASE_LABELS: Record<PublicPhase, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

type Field<T> = { id: string; value: T; onChange: (value: T) => void; error?: string };

export function TitleField({ id, value, onChange, error }: Field<string>) {
  return (
    <div>
      <Label htmlFor={id}>Title for customers</Label>
      <input
        id={id}
        name="title"
        value={value}
        maxLength={200}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error })}
        className={compactControlClass}
      />
      <FieldError id={id} message={error} />
    </div>
  );
}

export function BodyField({ id, value, onChange, error }: Field<string>) {
  return (
    <div>
      <Label htmlFor={id}>Message for customers</Label>
      <textarea
        id={id}
        name="body"
        rows={4}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint: true, error })}
        className={`${compactControlClass} resize-y leading-relaxed`}
      />
      <FieldHint id={id}>
        Markdown. Plain words for customers: no internal names, people or guesses about the cause.
      </FieldHint>
      <FieldError id={id} message={error} />
    </div>
  );
}

export function PhaseField({ id, value, onChange, error }: Field<PublicPhase>) {
  return (
    <div>
      <Label htmlFor={id}>Phase</Label>
      <select
        id={id}
        name="phase"
        value={value}
        onChange={(e) => onChange(e.target.value as PublicPhase)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error })}
        className={compactControlClass}
      >
        {PUBLIC_PHASES.map((phase) => (
          <option key={phase} value={phase}>
            {PHASE_LABELS[phase]}
          </option>
        ))}
      </select>
      <FieldError id={id} message={error} />
    </div>
  );
}
