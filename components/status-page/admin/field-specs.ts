import { COMPONENT_STATUSES } from "@/lib/status-pages/schemas";
import { STATUS_LABELS } from "@/lib/status-pages/headline";
import type { FieldSpec } from "./settings-form";

type PageValues = {
  name?: string;
  slug?: string;
  logoUrl?: string | null;
  timeZone?: string;
  visibility?: string;
  isDefault?: boolean;
};

/** The fields of a status page's own settings (create and edit share them). */
export const pageFieldSpecs = (values: PageValues = {}): FieldSpec[] => [
  {
    kind: "text",
    name: "name",
    label: "Name",
    value: values.name,
    hint: "Shown as the page's title, e.g. Acme status.",
  },
  { kind: "text", name: "slug", label: "Slug", value: values.slug, hint: "The address: /status/<slug>." },
  { kind: "url", name: "logoUrl", label: "Logo URL", value: values.logoUrl ?? "", optional: true },
  {
    kind: "text",
    name: "timeZone",
    label: "Time zone",
    value: values.timeZone ?? "UTC",
    hint: "IANA name, e.g. Europe/Berlin: the page's times and its daily uptime bars use it.",
  },
  {
    kind: "select",
    name: "visibility",
    label: "Visibility",
    value: values.visibility ?? "public",
    options: [
      { value: "public", label: "Public: anyone with the address" },
      { value: "signed-in", label: "Signed in: employees only" },
    ],
  },
  {
    kind: "checkbox",
    name: "isDefault",
    label: "Default page (served at /status)",
    checked: values.isDefault,
  },
];

type ComponentValues = {
  name?: string;
  description?: string;
  groupId?: string | null;
  status?: string;
  services?: string[];
};

/** A component's fields: its group, its catalog services (what drafts and impact come from) and status. */
export const componentFieldSpecs = (
  groups: { id: string; name: string }[],
  services: string[],
  values: ComponentValues = {},
): FieldSpec[] => [
  { kind: "text", name: "name", label: "Name", value: values.name },
  { kind: "text", name: "description", label: "Description", value: values.description, optional: true },
  {
    kind: "select",
    name: "groupId",
    label: "Group",
    value: values.groupId ?? "",
    options: [
      { value: "", label: "No group" },
      ...groups.map((group) => ({ value: group.id, label: group.name })),
    ],
  },
  {
    kind: "select",
    name: "status",
    label: "Status now",
    value: values.status ?? "operational",
    options: COMPONENT_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] })),
  },
  {
    kind: "checkboxes",
    name: "services",
    label: "Services it stands for",
    values: values.services,
    options: services.map((slug) => ({ value: slug, label: slug })),
    hint: "An incident on one of these services offers this component in its draft for customers.",
  },
];
