import { describe, expect, it } from "vitest";
import { isOverdue, todayIn } from "./overdue";

describe("overdue in the viewer's time zone", () => {
  // 2026-03-16 03:00 UTC: already the 16th in Tokyo and Berlin, still the 15th in Los Angeles.
  const now = new Date("2026-03-16T03:00:00Z");
  const item = { dueDate: "2026-03-15", status: "open" };

  it("knows the local date", () => {
    expect(todayIn("Asia/Tokyo", now)).toBe("2026-03-16");
    expect(todayIn("America/Los_Angeles", now)).toBe("2026-03-15");
    expect(todayIn("UTC", now)).toBe("2026-03-16");
  });

  it("is overdue where the due day has ended, not where it has not", () => {
    expect(isOverdue(item, "Asia/Tokyo", now)).toBe(true);
    expect(isOverdue(item, "Europe/Berlin", now)).toBe(true);
    expect(isOverdue(item, "America/Los_Angeles", now)).toBe(false);
  });

  it("is never overdue on the due day itself, without a due date, or once closed", () => {
    expect(isOverdue({ dueDate: "2026-03-16", status: "open" }, "Asia/Tokyo", now)).toBe(false);
    expect(isOverdue({ dueDate: null, status: "open" }, "Asia/Tokyo", now)).toBe(false);
    expect(isOverdue({ ...item, status: "done" }, "Asia/Tokyo", now)).toBe(false);
    expect(isOverdue({ ...item, status: "wont_do" }, "Asia/Tokyo", now)).toBe(false);
    expect(isOverdue({ ...item, status: "in_progress" }, "Asia/Tokyo", now)).toBe(true);
  });
});
