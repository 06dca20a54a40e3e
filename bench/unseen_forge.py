"""Forge plans in wordings that neither the plan forge nor the samples contain (issue 18, "Unseen wording").

The plan forge (../shared/tools/forge, read-only) draws every header, label, role, team, action,
recommendation, outcome, milestone, remark, status word, dated RAG header, date label, time-band title
and area name from its vocabulary modules (pools.py, pools_topics.py, pools_more.py). This script
imports the forge unchanged, replaces those pools IN MEMORY with the project's own paraphrases
(bench/unseen_pools.json, written for this yardstick in the register of UK council plans) and calls
the forge's own entry point, so the output has the forge's layout (MANIFEST.csv, gold/, meta.json) and
the forge's gold rules; only the words are new. Gold that the forge derives from a pool (role short
forms and their expansions, acronym expansions, team expansions, progress words by status, compound
owners) is derived from our pools the same way, so it stays right.

Run (from the project root; the forge options are passed through: --seed, --count, --out, --formats,
--jobs, --no-cms):

    python bench/unseen_forge.py --seed 1 --count 60 --out /tmp/unseen/s1 --jobs 1
    python ../shared/tools/forge/validate.py /tmp/unseen/s1          # gold snippets occur in every rendering
    python bench/manifest_runs.py /tmp/unseen/s1 --runs /tmp/unseen/s1/_runs_unseen
    python ../shared/tools/forge/dimreport.py /tmp/unseen/s1 --runs /tmp/unseen/s1/_runs_unseen --reuse

Own options: --forge DIR (default ../shared/tools/forge from the project root), --pools FILE (default
bench/unseen_pools.json), --check (only check the pools against the forge's, forge nothing).

Before forging, every replaced pool is checked against the forge's pool of the same name (same type and
shape, the same fixed keys, no placeholder the forge does not fill, and the few invariants its code
relies on); a forge update that renames or reshapes a pool stops the run with a clear message
(tests/test_unseen_forge.py runs the same check). What is NOT replaced, and why, is in LEFT_AS_IS.
"""
from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FORGE = ROOT.parent / "shared" / "tools" / "forge"
DEFAULT_POOLS = ROOT / "bench" / "unseen_pools.json"

# dicts whose keys are the topic keys of our TOPICS (the forge indexes them by a topic's "key")
TOPIC_KEYED = {("pools_more", "OUTCOMES"), ("pools_more", "AREAS"), ("pools_more", "MILESTONE_OBJECTS")}
# dicts whose keys are free (ours may differ from the forge's)
FREE_KEYS = {("pools", "ACRONYMS"), ("pools", "AUTHORITY_SINCE"), ("pools_topics", "SEED_ACTIONS")} | TOPIC_KEYED

# what is left as the forge has it, and why (pools we do not replace, and wordings written in the forge's code)
LEFT_AS_IS = [
    ("pools.FONTS", "typefaces, not wording"),
    ("pools.RAG_FILLS", "fill colours, not wording (layout.py and cms_html.py read them)"),
    ("pools_more.ENUMERATORS", "archetypes.band_title_paras maps each enumerator to its successor with a fixed dict"),
    ("pools_more.TIMEBAND_BAND_MONTHS", "band lengths in months, not wording"),
    ("families.body_list labels", "Lead / By / Status / 'Who and when' labels of list plans are literals in the code"),
    ("archetypes.body_numbered_paras labels", "Lead / Timescale / RAG labels, inline '(Lead: X; Timescale: Y)' "
                                              "templates and the fallback intro 'Actions we will take:' are literals"),
    ("build.header_rows group labels", "two-row header group labels (Delivery, Monitoring, ...) are literals"),
    ("build.extra_value", "names go into the monitoring column only under the literal header 'Monitored by', "
                          "which our headers do not use (so that column holds bodies, never names)"),
    ("values.py", "RAG words and letters, 'Recommendation n:' / 'Rec n:' / 'Outcome n:' prefixes and "
                  "'Theme n:' / 'Priority n -' / 'Section n:' theme styles are literals"),
    ("dates.py", "date wordings (Ongoing, TBC, Immediate, 'and ongoing', 'By', 'From', 'Commencing', "
                 "'Across financial year', month names) are literals"),
    ("matter.py", "cover, version line, narrative and matter headings, document control, contents, glossary, "
                  "roster, RAG key, KPI and signature wordings are literals"),
    ("content.py", "board chair owners ('{board} Chair', 'Independent Chair', 'Chair of the Improvement Board') "
                   "and the board names ('<prefix>SCB' / 'Safeguarding Children Board') are literals"),
]

_PLACEHOLDER = re.compile(r"\{(\w+)(?::[^{}]*)?\}")
_BRAG = re.compile(r"\bB\W?R\W?A\W?G\b")


# ---------------------------------------------------------------- loading and conforming
def load_pools(path=DEFAULT_POOLS) -> dict:
    """{module name: {pool name: JSON value}} as stored."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def import_forge(forge_dir) -> dict:
    """The forge's vocabulary modules, imported from forge_dir: {module name: module}."""
    forge_dir = str(Path(forge_dir).resolve())
    if forge_dir not in sys.path:
        sys.path.insert(0, forge_dir)
    return {name: importlib.import_module(name) for name in ("pools_topics", "pools", "pools_more")}


def conform(template, value):
    """JSON value -> the Python types of the forge's pool: tuples where it has tuples, int keys where it has
    int keys. `template` is the forge's value (any element of a list serves as the template of an item)."""
    if isinstance(template, tuple) and isinstance(value, list):
        return tuple(conform(t, v) for t, v in zip(template, value)) if len(template) == len(value) else tuple(value)
    if isinstance(template, list) and isinstance(value, list):
        if not template:
            return value
        return [conform(_closest(template, v), v) for v in value]
    if isinstance(template, dict) and isinstance(value, dict):
        int_keys = bool(template) and all(isinstance(k, int) for k in template)
        out = {}
        for k, v in value.items():
            key = int(k) if int_keys and isinstance(k, str) and k.lstrip("-").isdigit() else k
            t = template.get(key, next(iter(template.values()))) if template else v
            out[key] = conform(t, v)
        return out
    return value


def _closest(items, v):
    """The forge item whose shape the JSON item v takes (e.g. a role with or without a short form)."""
    for it in items:
        if isinstance(it, tuple) and isinstance(v, list) and len(it) == len(v) and \
                all((a is None) == (b is None) for a, b in zip(it, v)):
            return it
    return items[0]


def our_pools(forge_modules, data) -> dict:
    """{(module, pool): our value, conformed to the forge's types}."""
    out = {}
    for mod, pools in data.items():
        for name, value in pools.items():
            m = forge_modules.get(mod)
            template = getattr(m, name) if m is not None and hasattr(m, name) else None
            out[(mod, name)] = conform(template, value) if template is not None else value
    return out


# ---------------------------------------------------------------- checking
def _placeholders(x, acc=None):
    acc = set() if acc is None else acc
    if isinstance(x, str):
        acc.update(_PLACEHOLDER.findall(x))
    elif isinstance(x, dict):
        for v in x.values():
            _placeholders(v, acc)
    elif isinstance(x, (list, tuple)):
        for v in x:
            _placeholders(v, acc)
    return acc


def _compatible(orig, new, where, fixed_keys=True) -> list:
    """Problems with `new` as a stand-in for the forge's `orig` (type and shape, recursively)."""
    if orig is None:
        return [] if new is None else [f"{where}: expected None, got {type(new).__name__}"]
    if isinstance(orig, bool) or isinstance(orig, (int, float)):
        return [] if isinstance(new, (int, float)) and not isinstance(new, bool) else \
            [f"{where}: expected a number, got {type(new).__name__}"]
    if isinstance(orig, str):
        return [] if isinstance(new, str) else [f"{where}: expected a string, got {type(new).__name__}"]
    if isinstance(orig, tuple):
        if not isinstance(new, tuple) or len(new) != len(orig):
            return [f"{where}: expected a tuple of {len(orig)}, got {new!r:.60}"]
        probs = []
        for i, (o, n) in enumerate(zip(orig, new)):
            probs += _compatible(o, n, f"{where}[{i}]")
        return probs
    if isinstance(orig, list):
        if not isinstance(new, list):
            return [f"{where}: expected a list, got {type(new).__name__}"]
        if orig and not new:
            return [f"{where}: empty, the forge's is not"]
        probs = []
        for i, n in enumerate(new):
            fits = [_compatible(o, n, f"{where}[{i}]") for o in _distinct_shapes(orig)]
            if all(fits):
                probs += min(fits, key=len)
        return probs
    if isinstance(orig, dict):
        if not isinstance(new, dict):
            return [f"{where}: expected a dict, got {type(new).__name__}"]
        probs = []
        if fixed_keys and set(new) != set(orig):
            missing, extra = sorted(map(str, set(orig) - set(new))), sorted(map(str, set(new) - set(orig)))
            probs.append(f"{where}: keys differ from the forge's (missing {missing}, extra {extra})")
        kt = {type(k) for k in orig}
        if any(type(k) not in kt for k in new):
            probs.append(f"{where}: key types {sorted(t.__name__ for t in kt)} expected")
        values = list(orig.values())
        for k, n in new.items():
            if k in orig:
                probs += _compatible(orig[k], n, f"{where}[{k!r}]")
            elif values:
                fits = [_compatible(o, n, f"{where}[{k!r}]") for o in _distinct_shapes(values)]
                if all(fits):
                    probs += min(fits, key=len)
        return probs
    return [] if type(new) is type(orig) else [f"{where}: expected {type(orig).__name__}"]


def _shape(x):
    if isinstance(x, tuple):
        return ("t",) + tuple(_shape(e) for e in x)
    if isinstance(x, list):
        return ("l", frozenset(_shape(e) for e in x[:50]))
    if isinstance(x, dict):
        return ("d", frozenset(x) if len(x) < 12 else len(x))
    return type(x).__name__


def _distinct_shapes(items):
    seen, out = set(), []
    for it in items:
        s = _shape(it)
        if s not in seen:
            seen.add(s)
            out.append(it)
    return out


def check_pools(forge_modules, data) -> list:
    """Every problem that would make the forge fail, or its gold wrong, with our pools in place of its own."""
    probs = []
    ours = our_pools(forge_modules, data)
    for (mod, name), new in ours.items():
        m = forge_modules.get(mod)
        where = f"{mod}.{name}"
        if m is None:
            probs.append(f"{where}: the forge has no module {mod}")
            continue
        if not hasattr(m, name):
            probs.append(f"{where}: the forge has no such pool (renamed or removed?)")
            continue
        orig = getattr(m, name)
        probs += _compatible(orig, new, where, fixed_keys=(mod, name) not in FREE_KEYS)
        extra = _placeholders(new) - _placeholders(orig)
        if extra:
            probs.append(f"{where}: placeholders the forge does not fill: {sorted(extra)}")
    probs += _invariants(forge_modules, ours)
    return probs


def _invariants(forge_modules, ours) -> list:
    """What the forge's code relies on beyond shape (sizes it samples, keys it looks up, gold rules)."""
    probs = []

    def get(mod, name):
        return ours.get((mod, name), getattr(forge_modules[mod], name, None))

    topics = get("pools_topics", "TOPICS") or []
    keys = [t.get("key") for t in topics if isinstance(t, dict)]
    if len(topics) < 8:
        probs.append("TOPICS: at least 8 topics needed (a plan takes up to 7 themes, the KPI table 5)")
    for t in topics:
        for f in ("themes", "recs", "actions", "measures"):
            if not t.get(f):
                probs.append(f"TOPICS[{t.get('key')}]: no {f}")
    texts = [a for t in topics for a in t.get("actions", [])] + \
        [a for v in (get("pools_topics", "SEED_ACTIONS") or {}).values() for a in v]
    if len(set(texts)) != len(texts):
        probs.append("TOPICS: an action text occurs twice")
    for name in ("OUTCOMES", "AREAS", "MILESTONE_OBJECTS"):
        v = get("pools_more", name) or {}
        if set(v) != set(keys):
            probs.append(f"pools_more.{name}: keys must be the topic keys (missing {sorted(set(keys) - set(v))}, "
                         f"extra {sorted(set(v) - set(keys))})")
    if not set(get("pools_topics", "SEED_ACTIONS") or {}) <= set(keys):
        probs.append("pools_topics.SEED_ACTIONS: keys must be topic keys")
    kinds = {k for objs in (get("pools_more", "MILESTONE_OBJECTS") or {}).values() for _, k in objs}
    if not kinds <= set(get("pools_more", "MILESTONE_PREDICATES") or {}):
        probs.append("MILESTONE_OBJECTS: a kind without predicates")
    for name, n in (("NAMES", 16), ("ROLES", 14), ("TEAMS", 6)):
        if len(get("pools", name) or []) < n:
            probs.append(f"pools.{name}: at least {n} needed (content.sample_plan samples that many)")
    nar = get("pools", "NARRATIVE") or {}
    if len(nar.get("intro", [])) < 5 or len(nar.get("governance", [])) < 3:
        probs.append("pools.NARRATIVE: at least 5 intro and 3 governance sentences needed")
    names = [i[2] for i in get("pools", "INSPECTIONS") or []]
    for word in ("unannounced", "focused visit"):   # content.sample_plan: these visits are not graded
        if not any(word in n for n in names):
            probs.append(f"pools.INSPECTIONS: no inspection name containing '{word}'")
    shorts = {a[0] for a in get("pools", "AUTHORITIES") or []}
    if not set(get("pools", "AUTHORITY_SINCE") or {}) <= shorts:
        probs.append("pools.AUTHORITY_SINCE: an authority not in AUTHORITIES")
    if len(get("pools_more", "TIMEBANDS") or []) != len(get("pools_more", "TIMEBAND_BAND_MONTHS") or []):
        probs.append("pools_more.TIMEBANDS: one band per TIMEBAND_BAND_MONTHS entry")
    heads = get("pools", "HEADERS") or {}
    if not all(_BRAG.search(h) for h in heads.get("brag", [])):
        probs.append("HEADERS['brag']: every BRAG header must say BRAG (blue = complete is read from it)")
    if any(_BRAG.search(h) for h in heads.get("rag", []) + (get("pools_more", "STATUS_HEADERS") or [])):
        probs.append("HEADERS['rag'] / STATUS_HEADERS: a RAG header reads as BRAG")
    # compound owners: 'A and B' is split into two owners, so neither side may hold ' and ' / ' & ' itself
    for name, idx in (("PLURAL_TITLES", None), ("DEPARTMENTS", 0), ("ABBREV_TITLES", 0)):
        for it in get("pools_more", name) or []:
            t = it if idx is None else it[idx]
            if re.search(r"\s(and|&)\s", t):
                probs.append(f"pools_more.{name}: '{t}' holds a join")
    for it in get("pools_more", "TIMEBAND_TEMPLATES") or []:
        if not it.endswith("."):
            probs.append("pools_more.TIMEBAND_TEMPLATES: a band title ends with a full stop (the gold drops it)")
    return probs


# ---------------------------------------------------------------- applying
def apply_pools(forge_modules, data) -> list:
    """Replace the forge's pools in memory; returns the replaced names. pools.TOPICS / SEED_ACTIONS are the
    same objects as pools_topics' (re-exported), so both modules get ours."""
    done = []
    for (mod, name), value in our_pools(forge_modules, data).items():
        setattr(forge_modules[mod], name, value)
        if mod == "pools_topics" and hasattr(forge_modules["pools"], name):
            setattr(forge_modules["pools"], name, value)
        done.append(f"{mod}.{name}")
    return done


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=True)
    ap.add_argument("--forge", default=str(DEFAULT_FORGE), help="the plan forge's folder")
    ap.add_argument("--pools", default=str(DEFAULT_POOLS), help="our vocabulary (JSON)")
    ap.add_argument("--check", action="store_true", help="only check our pools against the forge's")
    a, rest = ap.parse_known_args(argv)
    forge_dir = Path(a.forge)
    if not (forge_dir / "forge.py").exists():
        print(f"unseen_forge: no forge at {forge_dir}", file=sys.stderr)
        return 2
    modules = import_forge(forge_dir)
    data = load_pools(a.pools)
    probs = check_pools(modules, data)
    if probs:
        print("unseen_forge: our pools do not fit the forge's:\n  " + "\n  ".join(probs), file=sys.stderr)
        return 2
    if a.check:
        n = sum(len(v) for v in data.values())
        print(f"unseen_forge: {n} pools fit the forge at {forge_dir}")
        return 0
    replaced = apply_pools(modules, data)
    import forge   # imported after the pools are in place (it imports the forge modules itself)
    print(f"unseen_forge: {len(replaced)} pools replaced from {a.pools}")
    return forge.main(rest)


if __name__ == "__main__":
    sys.exit(main())
