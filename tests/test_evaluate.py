"""The quote evaluator: scoring rules, agreement with the reference scorer, and the
accuracy floor on the PolNeAR dev set (skipped where ../shared/data is absent)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time

import pytest

from mediakit.evaluate import (
    QuoteCounts,
    evaluate_quotes,
    identified_speakers,
    same_speaker,
    score_quotes,
)
from mediakit.quotes import extract_quotes

# measured on polnear_dev.jsonl (0.956, 0.940, 0.670, 0.643, 2026-11-27, eleventh round;
# see docs/quotes_evaluation.md); a regression fails. The attributed floor sits a little
# under the figure: one dev quote whose gold speaker is wrong ('Kent County Republican' for
# Trump's "He says: …") moves it by 0.001. Train, where the rules are developed, has floors
# of its own (measured 0.946, 0.920, 0.699, 0.663). The eleventh round gave up 0.002 on
# both: places and party adjectives ("Vermont", "Republican") that the scorer had credited
# inside description gold strings ("The senator from Vermont") are no speakers now.
DEV_FLOORS = {"quote_f1": 0.955, "exact_f1": 0.94, "speaker_acc": 0.666, "attributed_f1": 0.639}
TRAIN_FLOORS = {"quote_f1": 0.945, "exact_f1": 0.92, "speaker_acc": 0.697, "attributed_f1": 0.661}
# the same quotes with an unnamed speaker's description as speaker (identified_speakers),
# as the gold keeps them: measured dev 0.688 / 0.660, train 0.730 / 0.693 (2026-11-28)
IDENTIFIED_FLOORS = {"dev": {"speaker_acc": 0.684, "attributed_f1": 0.656},
                     "train": {"speaker_acc": 0.727, "attributed_f1": 0.690}}


@pytest.mark.parametrize(
    "pred, gold, ok",
    [
        ("Dmitry Peskov", "Peskov", True),
        ("Peskov", "Kremlin spokesman Dmitry Peskov", True),
        ("Dmitry Peskov", "Mr. Peskov’s", True),
        ("Eric Trump", "Donald Trump", False),
        ("J. Smith", "John Smith", True),  # an initial is not a first name
        ("Jose Nuñez", "José Nunez", True),
        ("the White House", "White House officials", True),  # containment
        (None, "Smith", False),
        ("Smith", None, False),
        ("Mr.", "Mr.", True),  # only titles: compared as they are
    ],
)
def test_same_speaker(pred, gold, ok):
    assert same_speaker(pred, gold) is ok


def test_matching_is_one_to_one_largest_overlap_first():
    gold = [{"start": 0, "end": 10, "speaker": "Ann Lee"}, {"start": 12, "end": 20, "speaker": None}]
    pred = [
        {"start": 0, "end": 20, "speaker": "Lee"},  # covers both: goes to the larger overlap
        {"start": 11, "end": 20, "speaker": "Bo Diaz"},
        {"start": 40, "end": 50, "speaker": "Lee"},  # matches nothing
    ]
    c = score_quotes(gold, pred)
    assert (c.gold, c.pred, c.match) == (2, 3, 2)
    assert c.spk_gold == 1 and c.spk_right == 1
    # the prediction matched to the gold quote without a speaker cannot be judged
    assert (c.e2e_gold, c.e2e_pred, c.e2e_tp) == (1, 2, 1)
    s = c.summary()
    assert s["quote_p"] == round(2 / 3, 3) and s["quote_r"] == 1.0
    assert s["attributed_f1"] == round(2 * 0.5 * 1.0 / 1.5, 3)


def test_wrong_speakers_are_counted_by_kind_and_bound_the_attributed_f1():
    gold = [
        {"start": 0, "end": 10, "speaker": "White House press secretary Josh Earnest"},
        {"start": 20, "end": 30, "speaker": "Ann Lee"},
        {"start": 40, "end": 50, "speaker": "Bo Diaz"},
        {"start": 60, "end": 70, "speaker": "Cy Young"},
    ]
    pred = [
        {"start": 0, "end": 10, "speaker": "Josh Earnest"},  # the gold string holds it whole
        {"start": 20, "end": 30, "speaker": None},
        {"start": 40, "end": 50, "speaker": "Ann Lee"},  # another name
        {"start": 60, "end": 70, "speaker": "Young"},  # right
    ]
    c = score_quotes(gold, pred)
    assert (c.spk_gold, c.spk_right, c.spk_none, c.spk_inside) == (4, 1, 1, 1)
    s = c.summary()
    assert s["speaker_errors"] == {"none": 1, "inside_gold": 1, "other": 1}
    # with the two speakers that a name can get right, 3 of 4: P = R = 0.75
    assert s["attributed_f1"] == 0.25 and s["attributed_f1_bound"] == 0.75
    # a one-word prediction inside a longer gold string is right, not an error of this kind
    assert same_speaker("Earnest", gold[0]["speaker"])


def test_half_coverage_and_exact_ends():
    gold = [{"start": 100, "end": 200, "speaker": "X"}]
    assert score_quotes(gold, [{"start": 150, "end": 260, "speaker": "X"}]).match == 1
    assert score_quotes(gold, [{"start": 151, "end": 260, "speaker": "X"}]).match == 0
    assert score_quotes(gold, [{"start": 98, "end": 202, "speaker": "X"}]).exact == 1
    assert score_quotes(gold, [{"start": 97, "end": 200, "speaker": "X"}]).exact == 0


def test_cli_on_a_small_gold_file(tmp_path):
    text = "“We will win,” said Ann Lee. He left. “Never,” Bo Diaz said."
    gold = {"id": "t1", "text": text, "quotes": [
        {"start": 0, "end": 14, "speaker": "Ann Lee", "mention": "Ann Lee"},
        {"start": text.index("“Never"), "end": text.index("“Never") + 8, "speaker": "Bo Diaz",
         "mention": "Bo Diaz"},
    ]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mediakit.evaluate", "quotes", str(path), "--json"],
                         capture_output=True, text=True, check=True)
    res = json.loads(out.stdout)["gold"]
    assert res["quote_f1"] == 1.0 and res["attributed_f1"] == 1.0 and res["articles"] == 1
    text_out = subprocess.run([sys.executable, "-m", "mediakit.evaluate", "quotes", str(path)],
                              capture_output=True, text=True, check=True).stdout
    for label in ("P=", "R=", "F1=", "exact F1=", "speaker accuracy=", "attributed F1=", "articles/s",
                  "extraction alone"):
        assert label in text_out


def test_identified_speakers_give_an_unnamed_speaker_by_description(tmp_path):
    text = ("“We will win,” said a New Hampshire Republican. “Never,” Bo Diaz said. "
            "“Maybe,” one Clinton aide said. Nobody knew. “Soon,” it said.")
    q = identified_speakers(text)
    named = extract_quotes(text)
    assert named.speaker.tolist() == [None, "Bo Diaz", None, None]
    assert q.speaker.tolist() == ["a New Hampshire Republican", "Bo Diaz", "one Clinton aide", None]
    assert q.drop(columns="speaker").equals(named.drop(columns="speaker"))
    # the evaluator scores both ways: a gold that keeps the description as the speaker
    gold = {"id": "t", "text": text, "quotes": [
        {"start": 0, "end": 14, "speaker": "a New Hampshire Republican", "mention": "a New Hampshire Republican"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    res = json.loads(subprocess.run([sys.executable, "-m", "mediakit.evaluate", "quotes", str(path), "--json"],
                                    capture_output=True, text=True, check=True).stdout)["gold"]
    assert res["speaker_acc"] == 0.0 and res["identified"]["speaker_acc"] == 1.0
    assert res["attributed_f1"] == 0.0 and res["identified"]["attributed_p"] == 0.25
    # both scorings from one extraction per article, the second as identified_speakers scores
    from mediakit.evaluate import _evaluate, _identified

    calls = []

    def counting(t):
        calls.append(t)
        return extract_quotes(t)

    first, second = _evaluate(path, counting, also=_identified)
    keys = ("speaker_acc", "attributed_p", "attributed_r", "attributed_f1", "quote_f1", "pred")
    assert len(calls) == 1
    assert [second.summary()[k] for k in keys] == [
        evaluate_quotes(path, identified_speakers).summary()[k] for k in keys]
    assert [first.summary()[k] for k in keys] == [evaluate_quotes(path).summary()[k] for k in keys]


def test_extraction_time_is_timed_apart_from_scoring(tmp_path):
    # the speed target is the extractor's: its CPU time is counted on its own, and a
    # slow extractor shows in it
    path = tmp_path / "gold.jsonl"
    text = "“We will win,” said Ann Lee."
    path.write_text("".join(json.dumps({"id": f"t{i}", "text": text, "quotes": []}) + "\n"
                            for i in range(3)), encoding="utf-8")

    def slow(t):
        end = time.process_time() + 0.02
        while time.process_time() < end:
            pass
        return []

    c = evaluate_quotes(path, slow)
    assert c.articles == 3
    assert 0.06 <= c.extract_cpu_seconds <= c.cpu_seconds
    s = c.summary()
    assert s["extract_articles_per_cpu_s"] <= 3 / 0.06


def test_a_crashing_extractor_scores_as_no_output(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "“a,” b said.", "quotes": [
        {"start": 0, "end": 4, "speaker": "B", "mention": "b"}]}) + "\n", encoding="utf-8")

    def boom(text):
        raise ValueError("no")

    c = evaluate_quotes(path, boom)
    assert c.crashes == 1 and c.pred == 0 and c.gold == 1


# ---------------------------------------------------------------- real data
def _reference(shared_data):
    tool = shared_data.parent / "tools" / "score_quotes.py"
    if not tool.is_file():
        pytest.skip("reference scorer not available")
    spec = importlib.util.spec_from_file_location("score_quotes_reference", tool)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
def test_agrees_with_the_reference_scorer_on_dev(shared_data):
    ref = _reference(shared_data)
    path = shared_data / "quotes" / "polnear_dev.jsonl"
    articles = [json.loads(line) for line in path.open(encoding="utf-8")]
    ours, theirs = QuoteCounts(), None
    for a in articles:
        pred = [{"start": int(r["start"]), "end": int(r["end"]), "speaker": r["speaker"]}
                for r in extract_quotes(a["text"]).to_dict("records")]
        ours += score_quotes(a["quotes"], pred)
        c = ref.score_article(a["quotes"], pred)
        theirs = c if theirs is None else {k: theirs[k] + c[k] for k in c}
    mine, reference = ours.summary(), ref.summarise(theirs)
    for k in ("quote_p", "quote_r", "quote_f1", "exact_f1", "speaker_acc", "attributed_f1",
              "gold", "pred", "match"):
        assert mine[k] == reference[k], k
    # and name by name, on every gold speaker against a few predictions
    golds = {q["speaker"] for a in articles for q in a["quotes"] if q["speaker"]}
    for g in list(golds)[:300]:
        for p in ("Donald Trump", "Trump", "Hillary Clinton", "the campaign", g.split()[-1], None):
            assert same_speaker(p, g) == ref.same_speaker(p, g), (p, g)


@pytest.mark.shared
def test_identified_speakers_agree_with_the_reference_scorer(shared_data):
    ref = _reference(shared_data)
    path = shared_data / "quotes" / "polnear_dev.jsonl"
    theirs = None
    for a in (json.loads(line) for line in path.open(encoding="utf-8")):
        pred = [{"start": int(r["start"]), "end": int(r["end"]), "speaker": r["speaker"]}
                for r in identified_speakers(a["text"]).to_dict("records")]
        c = ref.score_article(a["quotes"], pred)
        theirs = c if theirs is None else {k: theirs[k] + c[k] for k in c}
    mine, reference = evaluate_quotes(path, identified_speakers).summary(), ref.summarise(theirs)
    for k in ("quote_f1", "speaker_acc", "attributed_f1", "gold", "pred", "match"):
        assert mine[k] == reference[k], k


@pytest.mark.shared
@pytest.mark.parametrize("name", ["dev", "train"])
def test_identified_accuracy_floor(shared_data, name):
    s = evaluate_quotes(shared_data / "quotes" / f"polnear_{name}.jsonl", identified_speakers).summary()
    for k, floor in IDENTIFIED_FLOORS[name].items():
        assert s[k] >= floor, (k, s[k], floor)


@pytest.mark.shared
def test_names_inside_longer_gold_strings_score_only_as_bare_surnames(shared_data):
    """Every wrong speaker counted "inside_gold" on dev is one the reference scorer
    rejects in full and accepts as the bare surname: a name cannot score there."""
    ref = _reference(shared_data)
    c = evaluate_quotes(shared_data / "quotes" / "polnear_dev.jsonl", keep_errors=True)
    inside = [(g["speaker"], p["speaker"]) for kind, _a, g, p in c.errors
              if kind == "speaker" and p["speaker"] and len(p["speaker"].split()) > 1
              and " ".join(p["speaker"].lower().split()) in " ".join(g["speaker"].lower().split())]
    assert c.spk_inside >= len(inside) > 40
    for gold, pred in inside:
        assert not ref.same_speaker(pred, gold), (pred, gold)
        assert ref.same_speaker(pred.replace("-", " ").split()[-1], gold), (pred, gold)
    s = c.summary()
    assert sum(s["speaker_errors"].values()) == c.spk_gold - c.spk_right
    assert s["attributed_f1"] < s["attributed_f1_bound"] < 0.9


@pytest.mark.shared
@pytest.mark.parametrize("name, floors", [("dev", DEV_FLOORS), ("train", TRAIN_FLOORS)])
def test_accuracy_floor(shared_data, name, floors):
    s = evaluate_quotes(shared_data / "quotes" / f"polnear_{name}.jsonl").summary()
    assert s["crashes"] == 0
    for k, floor in floors.items():
        assert s[k] >= floor, (k, s[k], floor)
