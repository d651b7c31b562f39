// The one row type every benchmark returns, and the table `npm run bench` prints.
export interface BenchRow {
  name: string;
  rps?: number;
  p50Ms?: number;
  p99Ms?: number;
  gzipKB?: number;
  /** e.g. "0.62× (a)"; free text. */
  ratio?: string;
  note?: string;
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined ? "" : n.toFixed(digits));

export function printTable(rows: BenchRow[]): void {
  const header = ["benchmark", "req/s", "p50 ms", "p99 ms", "gzip KB", "ratio", "note"];
  const cells = rows.map((r) => [r.name, fmt(r.rps, 0), fmt(r.p50Ms), fmt(r.p99Ms), fmt(r.gzipKB, 1), r.ratio ?? "", r.note ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i > 0 && i < 5 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(" | ")} |`;
  console.log([line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n"));
}
