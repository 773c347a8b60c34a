import Link from "next/link";
import type { ActionItemView } from "@/lib/action-items/schemas";
import type { FormAction } from "@/lib/http/action-state";
import { STATUS_LABELS } from "@/lib/action-items/schemas";
import { ActionItemStatus } from "./action-item-status";

const PRIORITY_TONE: Record<string, string> = {
  high: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  medium: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  low: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
};

/** Action items with their incident; overdue rows are highlighted (computed in the viewer's time zone). */
export function ActionItemsTable({
  items,
  update,
  canEdit,
  showIncident = true,
}: {
  items: ActionItemView[];
  update: FormAction;
  canEdit: boolean;
  showIncident?: boolean;
}) {
  if (items.length === 0) return <p className="text-sm text-slate-500">No action items.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-2 pr-3 font-medium">Title</th>
            {showIncident && <th className="py-2 pr-3 font-medium">Incident</th>}
            <th className="py-2 pr-3 font-medium">Owner</th>
            <th className="py-2 pr-3 font-medium">Due</th>
            <th className="py-2 pr-3 font-medium">Priority</th>
            <th className="py-2 pr-3 font-medium">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={item.id}
              data-testid="action-item"
              data-status={item.status}
              data-overdue={item.overdue || undefined}
              className={`border-t border-slate-200 dark:border-slate-800 ${item.overdue ? "bg-red-50 dark:bg-red-950/40" : ""}`}
            >
              <td className="py-2 pr-3">
                {item.title}
                {item.ticketUrl && (
                  <>
                    {" "}
                    ·{" "}
                    <a
                      href={item.ticketUrl}
                      target="_blank"
                      rel="noopener noreferrer nofollow"
                      className="text-xs underline"
                    >
                      ticket
                    </a>
                  </>
                )}
              </td>
              {showIncident && (
                <td className="py-2 pr-3">
                  <Link href={`/incidents/${item.incidentId}`} className="underline">
                    {item.incidentId}
                  </Link>{" "}
                  <span className="text-xs text-slate-500">{item.incidentTitle}</span>
                </td>
              )}
              <td className="py-2 pr-3">
                {item.ownerName ?? <span className="text-slate-500">unassigned</span>}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {item.dueDate ?? "–"}
                {item.overdue && (
                  <span className="ml-1.5 rounded bg-red-600 px-1.5 py-px text-xs font-semibold text-white">
                    Overdue
                  </span>
                )}
              </td>
              <td className="py-2 pr-3">
                <span className={`rounded px-1.5 py-px text-xs font-medium ${PRIORITY_TONE[item.priority]}`}>
                  {item.priority}
                </span>
              </td>
              <td className="py-2 pr-3">
                {canEdit ? (
                  <ActionItemStatus
                    id={item.id}
                    incidentId={item.incidentId}
                    title={item.title}
                    status={item.status}
                    update={update}
                  />
                ) : (
                  STATUS_LABELS[item.status]
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
