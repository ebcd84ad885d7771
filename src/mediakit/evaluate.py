"""Score mediakit against human-annotated gold data.

Usage::

    python -m mediakit.evaluate quotes GOLD.jsonl [GOLD2.jsonl ...] [--json]
        [--extractor module:function] [--errors N]

Gold format (one article a line): ``{"id", "text", "quotes": [{"start", "end",
"speaker", "mention"}]}`` with character offsets of each quoted region, marks included.

Scoring (as ``../shared/data/README.md`` describes it):

* a predicted quote **matches** a gold region when it covers at least half of it;
  pairs are made one-to-one, largest overlap first;
* **exact**: both ends within 2 characters;
* a **speaker** is right when the normalised surnames agree, and the first names too
  where both give one longer than a letter; names that do not end alike still agree
  when one contains the other (organisations, trailing descriptions), unless the
  prediction is long;
* **speaker accuracy** is over matched gold quotes that have a speaker;
* **attributed F1** counts a quote only with the right speaker: recall over gold
  quotes with a speaker, precision over predictions (those matched to a gold quote
  without a speaker are left out, as they cannot be judged).

Wrong speakers are also counted by kind (``speaker_errors``): no speaker given; the
predicted name standing whole inside a longer gold string ("Jeff Weaver" against "Sanders
campaign manager Jeff Weaver", which the first-name rule rejects: only the bare surname
would score); another name. ``attributed_f1_bound`` is the attributed F1 the same
predictions would reach with every other speaker right: no extractor that gives names
as speakers scores above it on these matches.
"""
from __future__ import annotations

import argparse
import functools
import importlib
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

__all__ = ["evaluate_quotes", "identified_speakers", "same_speaker", "score_quotes", "QuoteCounts", "main"]

# words that do not identify a person: honorifics, titles and suffixes
_IGNORED = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "sen", "senator", "rep", "representative", "gov", "governor", "president", "vice", "prime", "minister", "secretary", "gen", "general", "col", "lt", "capt", "sgt", "adm", "mayor", "judge", "justice", "chief", "spokesman", "spokeswoman", "spokesperson", "ambassador", "deputy", "foreign", "the", "jr", "sr", "ii", "iii", "iv", "phd", "md", "hon", "premier", "chancellor", "king", "queen", "pope", "former"]
)
_ALNUM = re.compile(r"[^\W_]+")


def _tokens(name: object) -> list[str]:
    if name is None or isinstance(name, str):
        return list(_tokens_of(name))
    return list(_tokens_of(str(name)) if name == name else ())


@functools.lru_cache(maxsize=1 << 14)
def _tokens_of(name: str | None) -> tuple[str, ...]:
    return tuple(_tokens_uncached(name))


def _tokens_uncached(name: object) -> list[str]:
    """Lower-case alphanumeric words of a name, accents and possessives removed,
    titles dropped unless nothing else is left."""
    if name is None or name == "" or (isinstance(name, float) and name != name):
        return []
    s = str(name)
    if not s.isascii():  # NFKD leaves ASCII as it is
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.lower()
    s = s.replace("’s", "").replace("'s", "").replace("-", " ")
    words = []
    for chunk in s.split():
        w = "".join(_ALNUM.findall(chunk))
        if w:
            words.append(w)
    kept = [w for w in words if w not in _IGNORED]
    return kept if kept else words


def same_speaker(predicted: object, gold: object) -> bool:
    """True when ``predicted`` names the same speaker as ``gold`` (see module doc)."""
    p, g = _tokens(predicted), _tokens(gold)
    if not (p and g):
        return False
    if p[-1] == g[-1]:
        both_first = len(p) > 1 and len(g) > 1 and len(p[0]) > 1 and len(g[0]) > 1
        return not (both_first and p[0] != g[0])
    joined_p, joined_g = " ".join(p), " ".join(g)
    if len(p) > 6 or len(joined_p) <= 3 or len(joined_g) <= 3:
        return False
    return joined_p in joined_g or joined_g in joined_p


def _speaker_error(predicted: object, gold: object) -> str:
    """The kind of a wrong speaker: ``"none"`` (none given), ``"inside_gold"`` (the
    predicted name, two words or more, stands whole inside a longer gold string:
    "Josh Earnest" in "White House press secretary Josh Earnest") or ``"other"``."""
    p, g = _tokens(predicted), _tokens(gold)
    if not p:
        return "none"
    n = len(p)
    if 1 < n < len(g) and any(g[i:i + n] == p for i in range(len(g) - n + 1)):
        return "inside_gold"
    return "other"


@dataclass
class QuoteCounts:
    """Counts from which every figure is computed; they add up over articles."""

    gold: int = 0
    pred: int = 0
    match: int = 0
    exact: int = 0
    spk_gold: int = 0
    spk_right: int = 0
    e2e_gold: int = 0
    e2e_pred: int = 0
    e2e_tp: int = 0
    spk_none: int = 0  # wrong speakers: none given
    spk_inside: int = 0  # wrong speakers: the predicted name whole inside a longer gold string
    articles: int = 0
    crashes: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    extract_cpu_seconds: float = 0.0  # inside the extractor only (the speed target)
    errors: list = field(default_factory=list, repr=False)

    def __iadd__(self, other: QuoteCounts) -> QuoteCounts:
        for f in fields(self):  # every count and time adds up; the error list extends
            if f.name != "errors":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        self.errors.extend(other.errors)
        return self

    def summary(self) -> dict:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        qp, qr = ratio(self.match, self.pred), ratio(self.match, self.gold)
        xp, xr = ratio(self.exact, self.pred), ratio(self.exact, self.gold)
        ap, ar = ratio(self.e2e_tp, self.e2e_pred), ratio(self.e2e_tp, self.e2e_gold)
        wrong = self.spk_gold - self.spk_right
        # every wrong speaker right but those a name cannot score
        reach = self.e2e_tp + wrong - self.spk_inside
        bp, br = ratio(reach, self.e2e_pred), ratio(reach, self.e2e_gold)
        return {
            "quote_p": round(qp, 3),
            "quote_r": round(qr, 3),
            "quote_f1": round(f1(qp, qr), 3),
            "exact_f1": round(f1(xp, xr), 3),
            "speaker_acc": round(ratio(self.spk_right, self.spk_gold), 3),
            "attributed_p": round(ap, 3),
            "attributed_r": round(ar, 3),
            "attributed_f1": round(f1(ap, ar), 3),
            "speaker_errors": {"none": self.spk_none, "inside_gold": self.spk_inside,
                               "other": wrong - self.spk_none - self.spk_inside},
            "attributed_f1_bound": round(f1(bp, br), 3),
            "gold": self.gold,
            "pred": self.pred,
            "match": self.match,
            "articles": self.articles,
            "crashes": self.crashes,
            "seconds": round(self.seconds, 2),
            "articles_per_s": round(self.articles / self.seconds, 1) if self.seconds else None,
            "articles_per_cpu_s": round(self.articles / self.cpu_seconds, 1) if self.cpu_seconds else None,
            "extract_articles_per_cpu_s": (round(self.articles / self.extract_cpu_seconds, 1)
                                           if self.extract_cpu_seconds else None),
        }


def _match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), largest overlap first."""
    spans = [(p["start"], p["end"]) for p in pred]
    cands = []
    for gi, g in enumerate(gold):
        gs, ge = g["start"], g["end"]
        need = 0.5 * (ge - gs)
        for pi, (ps, pe) in enumerate(spans):
            ov = (ge if ge < pe else pe) - (gs if gs > ps else ps)
            if ov > 0 and ov >= need:
                cands.append((ov, gi, pi))
    cands.sort(reverse=True)
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    pairs = []
    for _ov, gi, pi in cands:
        if gi not in taken_g and pi not in taken_p:
            taken_g.add(gi)
            taken_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def score_quotes(gold: list[dict], pred: list[dict], *, article_id: str | None = None,
                 keep_errors: bool = False) -> QuoteCounts:
    """Counts for one article: ``gold`` and ``pred`` are lists of dicts with ``start``,
    ``end`` and ``speaker``."""
    c = QuoteCounts(gold=len(gold), pred=len(pred), articles=1)
    pairs = _match(gold, pred)
    c.match = len(pairs)
    judged = {gi for gi, g in enumerate(gold) if g.get("speaker")}
    c.e2e_gold = len(judged)
    unjudged_matches = 0
    matched_g = {}
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        matched_g[gi] = pi
        if abs(g["start"] - p["start"]) <= 2 and abs(g["end"] - p["end"]) <= 2:
            c.exact += 1
        if gi not in judged:
            unjudged_matches += 1
            continue
        c.spk_gold += 1
        if same_speaker(p.get("speaker"), g["speaker"]):
            c.spk_right += 1
            c.e2e_tp += 1
            continue
        kind = _speaker_error(p.get("speaker"), g["speaker"])
        if kind == "none":
            c.spk_none += 1
        elif kind == "inside_gold":
            c.spk_inside += 1
        if keep_errors:
            c.errors.append(("speaker", article_id, g, p))
    c.e2e_pred = len(pred) - unjudged_matches
    if keep_errors:
        used_p = set(matched_g.values())
        for gi, g in enumerate(gold):
            if gi not in matched_g:
                c.errors.append(("missed", article_id, g, None))
        for pi, p in enumerate(pred):
            if pi not in used_p:
                c.errors.append(("extra", article_id, None, p))
    return c


def _records(out: object) -> list[dict]:
    if out is None:
        return []
    if hasattr(out, "columns") and {"start", "end"} <= set(out.columns):
        speakers = out["speaker"].tolist() if "speaker" in out.columns else [None] * len(out)
        rows: Iterable = ({"start": a, "end": b, "speaker": c}
                          for a, b, c in zip(out["start"].tolist(), out["end"].tolist(), speakers, strict=True))
    elif hasattr(out, "to_dict"):
        rows = out.to_dict("records")
    else:
        rows = [q if isinstance(q, dict) else {k: getattr(q, k, None) for k in ("start", "end", "speaker")}
                for q in out]
    res = []
    for r in rows:
        spk = r.get("speaker")
        if isinstance(spk, float) and spk != spk:
            spk = None
        res.append({"start": int(r["start"]), "end": int(r["end"]), "speaker": spk})
    return res


def _load_extractor(spec: str | None) -> Callable:
    if not spec:
        from mediakit.quotes import extract_quotes

        return extract_quotes
    module, _, fn = spec.partition(":")
    return getattr(importlib.import_module(module), fn or "extract_quotes")


def identified_speakers(text: str) -> pd.DataFrame:
    """:func:`mediakit.extract_quotes` with the description of an unnamed speaker as
    ``speaker`` ("a State Department official", "the editorial board"): who said it
    as the text identifies them, the way PolNeAR's gold keeps unnamed speakers.

    ``extract_quotes`` itself leaves ``speaker`` empty for them, with the description
    in ``role``, so that counts of who is quoted count named people. For scoring with
    ``--extractor mediakit.evaluate:identified_speakers`` (here or in the reference
    scorer)."""
    from mediakit.quotes import extract_quotes

    return _identified(extract_quotes(text))


def _identified(q: pd.DataFrame) -> pd.DataFrame:
    """``q`` (extract_quotes' table) with each unnamed speaker's description as its speaker."""
    from mediakit.quotes import unnamed_speaker

    described = [unnamed_speaker(s, r) for s, r in zip(q["speaker"], q["role"], strict=True)]
    q["speaker"] = [s if d is None else d for s, d in zip(q["speaker"], described, strict=True)]
    return q


def evaluate_quotes(path: str | Path, extractor: Callable | str | None = None, *,
                    keep_errors: bool = False) -> QuoteCounts:
    """Score ``extractor`` (default :func:`mediakit.extract_quotes`) on one gold file."""
    return _evaluate(path, extractor, keep_errors=keep_errors)[0]


def _evaluate(path: str | Path, extractor: Callable | str | None = None, *, keep_errors: bool = False,
              also: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> tuple[QuoteCounts, QuoteCounts | None]:
    """The counts of ``extractor`` on one gold file, and, with ``also``, of what ``also``
    makes of each of its outputs (the same extraction scored a second way; its scoring
    is left out of the first counts' times)."""
    extract = extractor if callable(extractor) else _load_extractor(extractor)
    with open(path, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    total = QuoteCounts()
    second = QuoteCounts() if also is not None else None
    t0, c0 = time.perf_counter(), time.process_time()
    clock = time.process_time
    in_extract = aside = aside_cpu = 0.0
    for a in articles:
        out = None
        try:
            e0 = clock()
            out = extract(a["text"])
            in_extract += clock() - e0
            pred = _records(out)
        except Exception as e:  # a crash scores as no output
            print(f"crash on {a.get('id')}: {type(e).__name__}: {e}", file=sys.stderr)
            total.crashes += 1
            pred = []
        total += score_quotes(a["quotes"], pred, article_id=a.get("id"), keep_errors=keep_errors)
        if second is not None and also is not None:
            s0, sc0 = time.perf_counter(), clock()
            other = [] if out is None else _records(also(out))
            second += score_quotes(a["quotes"], other, article_id=a.get("id"))
            aside += time.perf_counter() - s0
            aside_cpu += clock() - sc0
    total.seconds = time.perf_counter() - t0 - aside
    total.cpu_seconds = time.process_time() - c0 - aside_cpu
    total.extract_cpu_seconds = in_extract
    if second is not None:
        second.crashes = total.crashes
    return total, second


def _print_errors(counts: QuoteCounts, n: int, gold_path: str) -> None:
    texts = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            texts[a["id"]] = a["text"]
    for kind, aid, g, p in counts.errors[:n]:
        t = texts.get(aid, "")
        q = g or p
        ctx = t[max(0, q["start"] - 100): q["end"] + 60].replace("\n", " / ")
        print(f"[{kind}] {aid} gold={g and g.get('speaker')!r} pred={p and p.get('speaker')!r}")
        print(f"    {ctx!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m mediakit.evaluate",
                                 description="Score mediakit against annotated gold data.")
    sub = ap.add_subparsers(dest="task", required=True)
    q = sub.add_parser("quotes", help="quote extraction and speaker attribution")
    q.add_argument("gold", nargs="+", help="gold JSONL file(s)")
    q.add_argument("--extractor", default=None, help="module:function (default mediakit.quotes:extract_quotes)")
    q.add_argument("--json", action="store_true", help="print one JSON object")
    q.add_argument("--errors", type=int, default=0, metavar="N", help="print the first N errors")
    args = ap.parse_args(argv)
    results = {}
    for path in args.gold:
        # (the default extractor's quotes are scored a second way too, without
        # extracting them again: an unnamed speaker's description as its speaker)
        counts, ident_counts = _evaluate(path, args.extractor, keep_errors=bool(args.errors),
                                         also=_identified if args.extractor is None else None)
        s = counts.summary()
        name = Path(path).name.removesuffix(".jsonl")
        results[name] = s
        if ident_counts is not None:
            ident = ident_counts.summary()
            s["identified"] = {k: ident[k] for k in ("speaker_acc", "attributed_p", "attributed_r",
                                                     "attributed_f1", "speaker_errors")}
        if not args.json:
            print(
                f"{name}: quotes P={s['quote_p']:.3f} R={s['quote_r']:.3f} F1={s['quote_f1']:.3f}"
                f" | exact F1={s['exact_f1']:.3f} | speaker accuracy={s['speaker_acc']:.3f}"
                f" | attributed F1={s['attributed_f1']:.3f}"
                f" (P={s['attributed_p']:.3f} R={s['attributed_r']:.3f})"
                f" | {s['articles']} articles, {s['gold']} gold, {s['pred']} predicted,"
                f" {s['crashes']} crashes, {s['articles_per_s']} articles/s"
                f" ({s['articles_per_cpu_s']} per CPU second; extraction alone"
                f" {s['extract_articles_per_cpu_s']} per CPU second)"
            )
            e = s["speaker_errors"]
            print(f"  wrong speakers: {e['none']} none given, {e['inside_gold']} the predicted name"
                  f" inside a longer gold string, {e['other']} another name;"
                  f" attributed F1 with every other speaker right: {s['attributed_f1_bound']:.3f}")
            if "identified" in s:
                i = s["identified"]
                print(f"  as the text identifies them (a name, else an unnamed speaker's description,"
                      f" as the gold keeps them; extractor mediakit.evaluate:identified_speakers):"
                      f" speaker accuracy={i['speaker_acc']:.3f} | attributed F1={i['attributed_f1']:.3f}"
                      f" (P={i['attributed_p']:.3f} R={i['attributed_r']:.3f})")
            if args.errors:
                _print_errors(counts, args.errors, path)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
