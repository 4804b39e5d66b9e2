"""Summarise locust's --csv output: requests per second, p50/p95/p99 and errors per route.

Exits 1 when any request failed (or none was made), so `make load` fails on an error.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def read(path: str) -> list[dict]:
    with Path(path).open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def main(prefix: str) -> int:
    stats, failures = (read(f"{prefix}_{name}.csv") for name in ("stats", "failures"))
    rows = [row for row in stats if row["Name"] != "Aggregated"]
    total = next(row for row in stats if row["Name"] == "Aggregated")
    width = max([len(row["Name"]) for row in rows] + [9])
    header = f"{'route':<{width}}  {'requests':>8}  {'req/s':>7}  {'p50':>6}  {'p95':>6}  {'p99':>6}  {'errors':>6}"
    print(header)
    print("-" * len(header))
    for row in sorted(rows, key=lambda row: row["Name"]) + [total]:
        name = "all routes" if row is total else row["Name"]
        print(
            f"{name:<{width}}  {row['Request Count']:>8}  {float(row['Requests/s']):>7.1f}  "
            f"{row['50%']:>6}  {row['95%']:>6}  {row['99%']:>6}  {row['Failure Count']:>6}"
        )
    print("(times in ms)")
    for failure in failures:
        print(
            f"ERROR {failure['Method']} {failure['Name']}: {failure['Error']} "
            f"({failure['Occurrences']}×)"
        )
    if int(total["Request Count"]) == 0:
        print("load: no request was made", file=sys.stderr)
        return 1
    return 1 if int(total["Failure Count"]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
