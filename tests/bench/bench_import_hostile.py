"""Hostile inputs that used to take quadratic time or unbounded memory at import:
``python -m tests.bench.bench_import_hostile [MB ...]``.

- ``one-line``: an article on a single line of sentences naming the same entities (a 19 MB
  one took 483 s, most of it in sentence finding, and stored a million evidence rows);
- ``caps``: a file of capitalised words (19.8 MB took 12 s and 2.1 GB);
- ``posts``: thousands of different people, each with a post at an organization ("Jane
  Kalomi, a senior adviser at the Bureau of Industry and Security, said ..."): each
  appositive scanned every hit of the article (8,000 of them took 3.3 s, 4,000 took 0.8 s).

Each size runs in a fresh process through the import's worker path (read, decode, parse,
extract, evidence sentences: ``services.prepare.prepare_file``) and prints wall time, peak
RSS and the evidence rows that would be stored. Time per MB staying flat as the size doubles
is what "linear" means here. Nothing asserts on these numbers.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = (
    "Commerce Secretary Gina Raimondo said the Bureau of Industry and Security would work with "
    "South Korea and Japan on export controls (see 2210270047). "
)


POSTS = [
    "the Bureau of Industry and Security",
    "CSIS",
    "the Ministry of Economy, Trade and Industry",
]


def write(kind: str, mb: float, folder: Path) -> Path:
    size = int(mb * 1024 * 1024)
    path = folder / f"{kind}-{mb:g}.txt"
    if kind == "one-line":
        text = "Headline\n" + SENTENCE * (size // len(SENTENCE))
    elif kind == "posts":
        rnd = random.Random(1)
        lines, n = ["Headline"], 0
        while n < size:
            name = "".join(rnd.choice(["ka", "lo", "mi", "ren", "sa", "to"]) for _ in range(4))
            line = f"Jane {name.title()}, a senior adviser at {rnd.choice(POSTS)}, said so."
            lines.append(line)
            n += len(line) + 1
        text = "\n".join(lines)
    else:
        rnd = random.Random(1)
        words = ["".join(rnd.choice("abcdefghij") for _ in range(5)).title() for _ in range(5000)]
        parts, n = [], 0
        while n < size:
            w = rnd.choice(words)
            parts.append(w)
            n += len(w) + 1
        text = "Headline\n" + " ".join(parts)
    path.write_text(text, encoding="utf-8")
    return path


def child(path: str) -> None:
    from desktop.services.prepare import PreparedArticle, prepare_file

    t0 = time.perf_counter()
    prepared = prepare_file(Path(path))
    wall = time.perf_counter() - t0
    rows = -1  # refused
    if isinstance(prepared, PreparedArticle):
        rows = sum(len(e[5]) for e in prepared.entities)
        rows += sum(len(spans) for _, spans in prepared.citations) + len(prepared.links)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "rss_mib": rss, "evidence_rows": rows}))


def main() -> None:
    sizes = [float(a) for a in sys.argv[1:]] or [1, 2, 4, 8, 19]
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("one-line", "caps", "posts"):
            for mb in sizes:
                path = write(kind, mb, Path(tmp))
                out = subprocess.run(
                    [sys.executable, "-m", "tests.bench.bench_import_hostile", "--child", str(path)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                r = json.loads(out.stdout.strip().splitlines()[-1])
                print(
                    f"{kind:8} {mb:5g} MB  {r['wall']:7.2f} s  {r['wall'] / mb:6.2f} s/MB  "
                    f"peak RSS {r['rss_mib']:6.0f} MiB  evidence rows {r['evidence_rows']}"
                )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
