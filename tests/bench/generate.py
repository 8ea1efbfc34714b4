"""Synthetic trade-news corpus for the benchmarks: ``python -m tests.bench.generate N [--seed S]``.

Writes N article files of 2–3 KB in the layout of ``shared/samples/`` (a title line, then
paragraphs), named by a 10-digit ID (YYMMDD + 4-digit sequence, ~40 articles a day) and filed in
one folder per month. The vocabulary is fixed by the seed: ~3,000 people, each with a role and an
affiliation written as an appositive ("Name, a senior adviser at ORG, said"), the gazetteer's
organizations plus invented ones, the gazetteer's countries, and working groups whose acronym
follows the first mention. Popularity is Zipf-like, so some people and organizations are hubs,
as in a real archive. Articles cite earlier articles ("(see 2210270047)"); about one citation in
seven points before the corpus, so placeholders are made too.

Corpora are cached under /tmp/casefile-bench/ keyed by N, seed and VERSION: the same arguments
always give the same bytes, and a second call costs nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from desktop.extract.gazetteer import resource_dir

VERSION = 1  # bump when the generated text changes, so stale caches are not reused
CACHE = Path(os.environ.get("CASEFILE_BENCH_CACHE", "/tmp/casefile-bench"))
GAZETTEER = resource_dir()
PER_DAY = 40
FIRST_DAY = date(2019, 1, 2)


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "James Maria Wei Elena Kenji Aisha Daniel Sofia Hyun-woo Priya Thomas Ingrid Carlos Mei "
    "Olivia Rahul Anna Lars Fatima Michael Yuki Pierre Chloe Ahmed Laura Sung-min Emily Jan "
    "Hannah Marco Ji-yeon David Sarah Luis Nadia Robert Keiko Stefan Amara Peter Lin Grace "
    "Viktor Rosa Omar Julia Hiroshi Claire Tomasz Leila Andrew Min-jun Paula Erik Zainab Kevin "
    "Camille Arjun Helen Matteo Noura Brian Sakura Felix Irene Samuel Ana Jonas Mariam Patrick"
)
LAST = _words(
    "Smith Chen Kim Park Tanaka Müller Rossi Dubois Garcia Nguyen Patel Johnson Schmidt Lee "
    "Sato Ivanova Kowalski Novak Jansen Brown Wang Li Zhang Suzuki Lopez Martin Fischer Costa "
    "Haddad Okafor Singh Larsen Moreau Yamamoto Choi Jung Weber Bianchi Silva Khan Ahmed Davis "
    "Miller Wilson Taylor Andersen Nakamura Hoffmann Ricci Fernandes Kaur Berg Lefebvre Ito "
    "Kang Yoon Becker Romano Santos Malik Clarke Evans Walker Holm Laurent Kobayashi Han Shin "
    "Wagner Greco Pereira Hussain Wright Hughes Lund Girard Watanabe Lim Koch Marino Rocha Iqbal"
)
ROLES = (
    "senior adviser for China", "deputy assistant secretary for export enforcement",
    "trade lawyer", "spokesperson", "senior analyst", "director for export controls",
    "partner", "research fellow", "chief economist", "vice president for policy",
    "undersecretary", "compliance director", "senior official", "minister",
    "head of trade policy", "general counsel", "deputy director", "special envoy",
)  # fmt: skip
ORG_STEMS = _words(
    "Meridian Northgate Hanbit Corvale Ostrava Pacifica Halden Sentinel Lumen Kestrel Bayfield "
    "Altamira Redwood Tessera Borealis Granite Sakura Vantage Helix Atlas Cobalt Summit Harbor"
)
ORG_FIELDS = ("Semiconductor", "Trade", "Policy", "Export Compliance", "Technology",
              "Materials", "Supply Chain", "Strategic Studies", "Maritime")  # fmt: skip
ORG_FORMS = ("Association", "Institute", "Council", "Partners", "Group", "Corp.", "Foundation")
GROUP_TOPICS = ("Export Control", "Supply Chain", "Critical Minerals", "Semiconductor",
                "Sanctions Coordination", "Investment Screening", "Digital Trade")  # fmt: skip
MAJOR = (
    "United States",
    "China",
    "Japan",
    "South Korea",
    "Netherlands",
    "Germany",
    "Taiwan",
    "Russia",
    "India",
    "United Kingdom",
    "Canada",
    "Mexico",
    "France",
    "Australia",
)
TOPICS = (
    "export controls", "the entity list", "semiconductor tariffs", "sanctions enforcement",
    "outbound investment", "chip equipment exports", "forced labor import bans",
    "steel quota talks", "a license exception", "OFAC designations", "critical minerals",
)  # fmt: skip
VERBS = ("weighs", "tightens", "expands", "delays", "reviews", "coordinates on", "pushes back on")
FILLER = (
    "Officials said the review of {topic} would continue into next year, with industry comments due "
    "within 60 days.",
    "The rule adds {n} entities to the entity list and narrows a license exception for chip "
    "equipment.",
    "Exporters have asked the Commerce Department for clearer guidance on {topic}, according to "
    "comments filed last month.",
    "{country} said it would respond to the tariff increase through the WTO dispute settlement "
    "process.",
    "Trade lawyers said the sanctions could reach shipments routed through third countries, "
    "including {country}.",
    "The agency said it had opened {n} investigations tied to forced labor in the supply chain "
    "this year.",
    "Lawmakers have pressed the administration to tighten outbound investment screening for "
    "semiconductor and AI companies.",
    "A quota on steel and aluminum imports from {country} expires at the end of the quarter.",
    "The Netherlands and Japan agreed earlier to restrict exports of advanced chip equipment to "
    "China.",
)  # fmt: skip


def _zipf(n: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**0.9) for rank in range(1, n + 1)))


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())


class Vocabulary:
    """People, organizations, countries and groups, fixed by the seed."""

    def __init__(self, rng: random.Random, n_people: int = 3000) -> None:
        orgs = [e["name"] for e in _load("organizations.json")["entries"]]
        combos = itertools.product(ORG_STEMS, ORG_FIELDS, ORG_FORMS)
        orgs += rng.sample([f"{a} {b} {c}" for a, b, c in combos], 400)
        rng.shuffle(orgs)
        self.orgs = orgs
        places = _load("places.json")["countries"]
        rest = [c["name"] for c in places if c["name"] not in MAJOR]
        rng.shuffle(rest)
        self.countries = [*MAJOR, *rest]  # the news is mostly about the same few
        names = rng.sample([f"{f} {s}" for f in FIRST for s in LAST], n_people)
        self.people = [(name, rng.choice(ROLES), rng.choice(orgs[:300])) for name in names]
        groups = [
            (e["name"], (e.get("aliases") or [""])[0]) for e in _load("groups.json")["entries"]
        ]
        for _ in range(60):
            a, b = rng.sample(self.countries[:40], 2)
            name = f"{a}-{b} {rng.choice(GROUP_TOPICS)} Working Group"
            groups.append((name, _acronym(name)))
        self.groups = groups
        self.cum = {k: _zipf(len(v)) for k, v in vars(self).items() if isinstance(v, list)}

    def pick(self, rng: random.Random, what: str, k: int) -> list:
        """``k`` different entries, popular ones more often."""
        pool, cum = getattr(self, what), self.cum[what]
        chosen: dict = {}
        while len(chosen) < k:
            chosen.setdefault(rng.choices(pool, cum_weights=cum)[0], None)
        return list(chosen)


def _load(name: str) -> dict:
    return json.loads((GAZETTEER / name).read_text(encoding="utf-8"))


def article_ids(n: int) -> list[str]:
    """YYMMDD + sequence; PER_DAY articles a day from FIRST_DAY."""
    out = []
    for i in range(n):
        day = FIRST_DAY + timedelta(days=i // PER_DAY)
        out.append(f"{day:%y%m%d}{1 + i % PER_DAY:04d}")
    return out


def write_article(rng: random.Random, vocab: Vocabulary, earlier: list[str]) -> str:
    people = vocab.pick(rng, "people", 3)
    orgs = vocab.pick(rng, "orgs", 3)
    countries = vocab.pick(rng, "countries", 3)
    topic = rng.choice(TOPICS)

    def cite() -> str:
        if earlier and rng.random() < 0.86:
            refs = rng.sample(earlier, min(len(earlier), rng.choice((1, 1, 2))))
        else:  # an article from before the corpus: a placeholder after import
            refs = [
                f"{rng.randint(1501, 1812):04d}{rng.randint(1, 28):02d}{rng.randint(1, 60):04d}"
            ]
        return "(see " + " and ".join(refs) + ")"

    title = f"{countries[0]} {rng.choice(VERBS)} {topic}, {orgs[0]} Official Says"
    name, role, affiliation = people[0]
    paras = [
        f"As {countries[0]} and {countries[-1]} discuss {topic} {cite()}, some trading partners "
        f"have raised concerns about how the measures will be applied, {orgs[0]} said in a "
        f"statement on Tuesday.",
        f"{name}, a {role} at {affiliation}, said the talks had made progress. “We are "
        f"coordinating with our allies on {topic}, not simply informing them,” "
        f"{name.split()[-1]} said, speaking at an event hosted by {orgs[1]}.",
    ]
    if len(people) > 1:
        other, other_role, other_org = people[1]
        paras.append(
            f"{other}, {other_role} of {other_org}, said {countries[-1]} would watch how the "
            f"rules are enforced. {other.split()[-1]} added that exporters need more notice "
            f"before new export controls take effect."
        )
    if rng.random() < 0.6:
        group, alias = vocab.pick(rng, "groups", 1)[0]
        short = f" ({alias})" if alias and alias != group else ""
        paras.append(
            f"The {group}{short} met this month to better harmonize export control decisions "
            f"{cite()}. {alias or group} members include {countries[0]} and {countries[1]}."
        )
    target = rng.randint(2050, 2900)
    body = "\n".join(paras)
    extra: list[str] = []
    while len(title) + len(body) + sum(len(s) + 1 for s in extra) < target:
        extra.append(
            rng.choice(FILLER).format(
                topic=rng.choice(TOPICS), n=rng.randint(3, 40), country=rng.choice(countries)
            )  # fmt: skip
        )
        if len(extra) == 4:
            body += "\n" + " ".join(extra)
            extra = []
    if extra:
        body += "\n" + " ".join(extra)
    return f"{title}\n{body}\n"


def generate(n: int, seed: int, out: Path) -> None:
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    ids = article_ids(n)
    for i, ref in enumerate(ids):
        folder = out / f"20{ref[:2]}-{ref[2:4]}"
        if i == 0 or ids[i - 1][:4] != ref[:4]:
            folder.mkdir(parents=True, exist_ok=True)
        text = write_article(rng, vocab, ids[max(0, i - 4000) : i])  # recent news is cited
        (folder / f"{ref}.txt").write_bytes(text.encode("utf-8"))


def corpus_dir(n: int, seed: int = 7) -> Path:
    """The folder holding the corpus of ``n`` articles for ``seed``, generated on first use."""
    path = CACHE / f"corpus-v{VERSION}-n{n}-s{seed}"
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        generate(n, seed, partial)
        partial.rename(path)
    return path


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    path = corpus_dir(args.n, args.seed)
    files = corpus_files(path)
    size = sum(f.stat().st_size for f in files)
    print(f"{path}: {len(files)} articles, {size / len(files) / 1024:.2f} KB on average")


if __name__ == "__main__":
    main()
