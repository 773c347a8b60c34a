import { utcFromDatetimeLocal } from "@/lib/datetime-local";

// The /services forms' fields → the use cases' raw input. No validation here: the use case refuses
// what is wrong with the same messages the API gives, on the same paths.

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** "12" → 12; anything else stays a string for the schema to refuse ("Use a whole number of hours."). */
const hours = (value: string) => (/^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);

/** An empty rotation (everyone removed) turns the rotation off, like `onCall: null` in the API. */
export function serviceFromForm(form: FormData) {
  const userIds = form
    .getAll("userIds")
    .map(String)
    .filter((id) => id !== "");
  const ownerTeam = text(form, "ownerTeam");
  return {
    slug: text(form, "slug"),
    input: {
      ownerTeam: ownerTeam === "" ? null : ownerTeam,
      onCall:
        userIds.length === 0
          ? null
          : {
              userIds,
              handoffHours: hours(text(form, "handoffHours")),
              startsAt: utcFromDatetimeLocal(text(form, "startsAt")),
            },
    },
  };
}

export function overrideFromForm(form: FormData) {
  return {
    slug: text(form, "slug"),
    input: {
      userId: text(form, "userId"),
      startsAt: utcFromDatetimeLocal(text(form, "startsAt")),
      endsAt: utcFromDatetimeLocal(text(form, "endsAt")),
    },
  };
}
