// The one output contract of every bench script: with `--json <file>` it writes
// { name, rows: [{ metric, value, unit, baseline, baselineValue, ratio, goal, pass }] } (bench/run-all.ts reads it).
import { writeFileSync } from "node:fs";

export type BenchRow = {
  metric: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
  goal: string;
  pass: boolean;
};

export function jsonTarget(argv: string[] = process.argv): string | null {
  const at = argv.indexOf("--json");
  return at >= 0 && argv[at + 1] ? argv[at + 1] : null;
}

export function writeBenchJson(name: string, rows: BenchRow[], argv: string[] = process.argv) {
  const file = jsonTarget(argv);
  if (file) writeFileSync(file, `${JSON.stringify({ name, rows }, null, 2)}\n`);
}
