// CPU time per component of a benchmark (Linux /proc): how many cores each part actually used, so a
// throughput figure can be read against the cores it had (docs/scaling.md).
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

type Stat = { pid: number; comm: string; pgrp: number; ticks: number; cmdline: string };

function processes(): Stat[] {
  const out: Stat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = raw.lastIndexOf(")");
      const fields = raw.slice(close + 2).split(" ");
      out.push({
        pid: Number(entry),
        comm: raw.slice(raw.indexOf("(") + 1, close),
        pgrp: Number(fields[2]),
        ticks: Number(fields[11]) + Number(fields[12]),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " "),
      });
    } catch {
      // The process ended while being read.
    }
  }
  return out;
}

/** What to account: each named part is a set of processes picked from the process table. */
export type Parts = Record<string, (p: Stat) => boolean>;

/** CPU seconds used by each part since the previous call of the returned function (and by this process itself). */
export function cpuMeter(parts: Parts) {
  const read = () => {
    const table = processes();
    const ticks: Record<string, number> = {};
    for (const [name, pick] of Object.entries(parts))
      ticks[name] = table.filter(pick).reduce((n, p) => n + p.ticks, 0);
    const self = process.cpuUsage();
    ticks["load generator"] = ((self.user + self.system) / 1e6) * TICKS_PER_SECOND;
    return ticks;
  };
  let last = read();
  let at = performance.now();
  /** Cores used per part since the last call: CPU seconds / wall seconds. */
  return () => {
    const now = read();
    const wall = (performance.now() - at) / 1000;
    const cores: Record<string, number> = {};
    // A process that ended between two reads takes its ticks with it: clamp at zero.
    for (const name of Object.keys(now))
      cores[name] = Math.max(0, (now[name] - (last[name] ?? 0)) / TICKS_PER_SECOND / wall);
    last = now;
    at = performance.now();
    return cores;
  };
}

export const inGroup = (pgid: number | undefined) => (p: Stat) => pgid !== undefined && p.pgrp === pgid;
export const postgresBackendsOf = (database: string) => (p: Stat) =>
  p.comm === "postgres" && p.cmdline.includes(` ${database} `);
export const named = (comm: string) => (p: Stat) => p.comm === comm;
