/** The incident a form acts on, and the version it was rendered from (a stale one is refused). */
export function IncidentFields({ incidentId, version }: { incidentId: string; version?: number }) {
  return (
    <>
      <input type="hidden" name="incidentId" value={incidentId} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
    </>
  );
}
