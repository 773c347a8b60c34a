/**
 * The policy form → use-case input. The steps editor sends its ordered steps as JSON in one hidden
 * field (steps of differently shaped targets have no natural flat encoding); nothing is refused here,
 * so the use case checks permission first and then validates like any API body (its error paths,
 * `steps.0.targets.1.userId`, name the editor's controls).
 */
export function policyFromForm(form: FormData) {
  return {
    name: String(form.get("name") ?? ""),
    description: String(form.get("description") ?? ""),
    repeat: wholeNumber(form.get("repeat")),
    isDefault: form.get("isDefault") === "on",
    // Empty: no timeout (the API's null).
    ackTimeoutMinutes:
      String(form.get("ackTimeoutMinutes") ?? "").trim() === ""
        ? null
        : wholeNumber(form.get("ackTimeoutMinutes")),
    steps: json(String(form.get("steps") ?? "[]")),
  };
}

/** "3" → 3; anything else is handed on as it is, so the schema's message says what is wrong. */
export function wholeNumber(value: FormDataEntryValue | null): unknown {
  const text = String(value ?? "").trim();
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The service paging form → ServicePagingInput (PUT semantics: every field is sent). */
export function servicePagingFromForm(form: FormData) {
  const policyId = String(form.get("policyId") ?? "");
  return {
    slug: String(form.get("slug") ?? ""),
    input: {
      policyId: policyId === "" ? null : policyId,
      highUrgencySeverities: form.getAll("highUrgencySeverities").map(String),
      lowUrgencyBusinessHoursOnly: form.get("lowUrgencyBusinessHoursOnly") === "on",
      timeZone: String(form.get("timeZone") ?? "").trim() || "UTC",
      businessHoursStart: wholeNumber(form.get("businessHoursStart")),
      businessHoursEnd: wholeNumber(form.get("businessHoursEnd")),
    },
  };
}
