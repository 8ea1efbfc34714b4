"""Throughput of the extraction layer: ``python -m tests.bench.bench_extract [N]``.

Uses the suite's sample article and the annotated test articles (2-3 KB each, wire, notice, all-caps and
think-tank styles), varied per article so nothing is cached by accident, and prints the median
of 5 runs for extract() alone and for decode + parse + extract. CPU time of this
process (``time.process_time``) is measured, so other load on the machine skews it less.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from desktop.extract import decode, extract, parse

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "tests" / "data" / "samples").glob("*.txt"))
SOURCES += sorted((ROOT / "tests" / "data" / "extract").glob("*.txt"))


def corpus(n: int) -> list[str]:
    base = [p.read_text(encoding="utf-8") for p in SOURCES if p.exists()]
    out = []
    for i in range(n):
        text = base[i % len(base)]
        # a different citation and number per copy, as in a real archive
        out.append(text + f"\nRelated coverage: see {2201010000 + i % 9999:010d}. Item {i}.")
    return out


def run(label: str, texts: list[str], fn: object) -> None:
    size = sum(len(t.encode("utf-8")) for t in texts)
    times = []
    for _ in range(5):
        t0 = time.process_time()
        for t in texts:
            fn(t)  # type: ignore[operator]
        times.append(time.process_time() - t0)
    med = statistics.median(times)
    print(
        f"{label:28} {len(texts) / med:9.0f} articles/s  {size / med / 1e6:6.1f} MB/s  "
        f"(median of 5, {len(texts)} articles, avg {size / len(texts) / 1024:.1f} KB)"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    texts = corpus(n)
    extract(texts[0])  # build the gazetteer outside the timing
    run("extract", texts, extract)

    def full(text: str) -> None:
        decoded = decode(text.encode("utf-8"), "a.txt")
        parsed = parse(decoded, "a.txt")
        extract(parsed.text, own_ref=parsed.ref)

    run("decode+parse+extract", texts, full)


if __name__ == "__main__":
    main()
