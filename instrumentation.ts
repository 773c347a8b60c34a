// Runs once when the server starts: open the database (which applies migrations) before the first
// request, and load the demo into a new embedded database.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDb } = await import("./db/client");
  const { ensureDemoData } = await import("./lib/demo/ensure-demo-data");
  await getDb();
  await ensureDemoData();
}
