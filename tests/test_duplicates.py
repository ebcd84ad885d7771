"""find_duplicates: exact and near copies of a story, canonical copy, no all-pairs work."""
from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

import mediakit.duplicates as D
from mediakit.duplicates import find_duplicates, group_signatures, signature_frame

WORDS = ["moscow", "washington", "talks", "ukraine", "troops", "border", "kremlin", "envoy", "alliance", "security", "council", "sanctions", "minister", "president", "spokesman", "geneva", "brussels", "vienna", "meeting", "proposal", "demand", "expansion", "guarantee", "military", "drills", "region", "forces", "invasion", "diplomacy", "crisis", "leaders", "officials", "statement", "week", "tuesday", "monday", "reporters", "warned", "agreed", "rejected", "insisted", "deployed", "massed", "annexed", "conflict", "peace", "deal"]


def story(seed: int, n: int = 300) -> str:
    rng = random.Random(seed)
    sentences = []
    for _ in range(n // 12):
        words = [rng.choice(WORDS) for _ in range(12)]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def table(texts: dict[str, str], dates: dict[str, str] | None = None) -> pd.DataFrame:
    dates = dates or {}
    return pd.DataFrame(
        {
            "doc_id": list(texts),
            "date": [pd.Timestamp(dates.get(k, "2022-01-11"), tz="UTC") for k in texts],
            "outlet": [f"o{i}" for i in range(len(texts))],
            "text": list(texts.values()),
        }
    )


def test_copies_with_chrome_headline_and_trims_group_together():
    base = story(1)
    sentences = base.split(". ")
    df = table(
        {
            "orig": base,
            "chrome": "Top Story | World\nSubscribe now\n\n" + base + "\n\nRead more news\nPrevious Article",
            "trimmed": ". ".join(sentences[: int(len(sentences) * 0.7)]) + ".",
            "headline": "Tough talk over Ukraine\n\n" + base.replace("Geneva", "Genf"),
            "exact": base.upper().replace(" ", "  "),
            "other": story(2),
            "other2": story(3),
        },
        dates={"orig": "2022-01-11", "chrome": "2022-01-12", "exact": "2022-01-10"},
    )
    out = find_duplicates(df)
    g = dict(zip(out["doc_id"], out["dup_group"], strict=True))
    assert g["orig"] == g["chrome"] == g["trimmed"] == g["headline"] == g["exact"]
    assert len({g["orig"], g["other"], g["other2"]}) == 3
    assert out.set_index("doc_id").loc["orig", "dup_size"] == 5
    assert out.set_index("doc_id").loc["other", "dup_size"] == 1
    # canonical: the fullest copy (chrome adds words), one per group
    canon = out[out["is_canonical"]]
    assert len(canon) == 3 and set(out.loc[out["dup_group"] == g["orig"], "dup_of"]) == {"chrome"}
    assert list(out.columns[:4]) == ["doc_id", "date", "outlet", "text"]  # input columns kept first


def test_threshold_measure_and_excerpts():
    base = story(5, 600)
    half = base[: len(base) * 6 // 10]
    tenth = base[: len(base) // 10]
    df = table({"full": base, "half": half, "tenth": tenth})
    g = find_duplicates(df).set_index("doc_id")["dup_group"]
    assert g["full"] == g["half"]  # a trimmed copy: contained in the full story
    assert g["tenth"] != g["full"]  # an excerpt a tenth as long is not a copy
    j = find_duplicates(df, measure="jaccard").set_index("doc_id")["dup_group"]
    assert j["full"] != j["half"]  # Jaccard of a 60% trim is about 0.6 < 0.8


def test_short_and_empty_texts_match_only_exactly():
    df = table({"a": "Putin spoke.", "b": "putin  SPOKE", "c": "Biden spoke.", "d": "", "e": ""})
    g = find_duplicates(df).set_index("doc_id")["dup_group"]
    assert g["a"] == g["b"]
    assert g["c"] != g["a"]
    assert g["d"] != g["e"]  # empty bodies are not copies of each other


def test_signatures_are_stable_and_partition_independent():
    df = table({f"d{i}": story(i) for i in range(6)})
    whole = signature_frame(df)
    parts = pd.concat([signature_frame(df.iloc[:2]), signature_frame(df.iloc[2:])])
    pd.testing.assert_frame_equal(whole, parts)
    assert whole.filter(like="sig_").shape == (6, 128)
    assert (group_signatures(whole) == np.arange(6)).all()


def test_cost_is_linear_not_all_pairs(monkeypatch):
    calls = []  # one entry per pair whose similarity is estimated
    real = D._similarities
    monkeypatch.setattr(D, "_similarities", lambda m, a, *rest: calls.extend(a.tolist()) or real(m, a, *rest))
    n = 400
    texts = {f"d{i}": story(100 + i, 120) for i in range(n)}
    texts.update({f"copy{i}": "Breaking: " + texts[f"d{i}"] for i in range(20)})
    out = find_duplicates(table(texts))
    assert out["dup_group"].nunique() == n
    assert len(calls) < 3 * len(texts)  # all pairs would be ~87,000


def test_missing_columns_raise():
    with pytest.raises(ValueError, match="text"):
        find_duplicates(pd.DataFrame({"doc_id": ["a"]}))


@pytest.mark.shared
def test_real_reposted_briefing_is_found(shared_data):
    from mediakit.corpus import load_corpus

    wh = load_corpus(shared_data / "corpora" / "whitehouse")
    out = find_duplicates(wh)
    groups = out[out["dup_size"] > 1]
    # the April 11, 2022 briefing was posted twice; excerpts of the State of the Union are not copies
    psaki = groups[groups["title"].str.contains("Press Secretary Jen Psaki, April 11, 2022", regex=False)]
    assert len(psaki) == 2 and psaki["dup_group"].nunique() == 1
    assert not groups["title"].str.contains("Excerpts", regex=False).any()
    assert 2 <= out.loc[out["dup_size"] > 1, "dup_group"].nunique() <= 10
    assert out["is_canonical"].sum() == out["dup_group"].nunique()


def test_batched_signatures_equal_article_by_article(monkeypatch):
    """Batches of joined texts (ASCII, BMP, beyond the BMP; words of 64+ letters;
    verbatim repeats) give each article the signature it gets alone."""
    import mediakit._text as text_mod

    texts = [
        story(1),
        "a" * 70 + " " + "B" * 64 + " x " + "é" * 100 + " " + "y" * 63 + " end",
        "Le “NATO” — l’OTAN, déjà vu; ÀÉÎ " + story(2, 60),
        "😀 emoji 😀 beyond the BMP " + story(3, 40),
        "",
        None,
        "short",
        story(1),  # a verbatim copy
        "word " * 30 + "Z" * 200,
    ]
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    monkeypatch.setattr(text_mod, "_BATCH_CHARS", 300)  # several batches
    sig = signature_frame(df)
    for i, t in enumerate(texts):
        words = D._word_hashes(t)
        sh = D._shingles(words, 5, 7)
        row = sig.iloc[i]
        assert row["n_shingles"] == len(sh)
        assert row["exact"] == D._exact_key(words)
        assert (row.filter(like="sig_").to_numpy(dtype=np.uint64) == D._minhash(sh, 128)).all()


def test_repeated_shingles_and_group_numbers(monkeypatch):
    """Shingles repeated within a text count once (whatever the batch), and groups are
    numbered by first appearance."""
    import mediakit._text as text_mod

    looped = "one two three four five six " * 8
    texts = [story(5), looped, "one two three", looped + "seven", story(6), story(5) + " coda", "x y " * 40, story(6)]
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    monkeypatch.setattr(text_mod, "_BATCH_CHARS", 500)
    sig = signature_frame(df)
    for i, t in enumerate(texts):
        sh = D._shingles(D._word_hashes(t), 5, 7)
        assert sig["n_shingles"].iloc[i] == len(sh)
        assert (sig.filter(like="sig_").iloc[i].to_numpy(dtype=np.uint64) == D._minhash(sh, 128)).all()
    assert sig["n_shingles"].iloc[1] == 6  # eight loops of six words: six distinct windows
    # (under 10 shingles, the loops match only exact copies)
    assert find_duplicates(df)["dup_group"].tolist() == [0, 1, 2, 3, 4, 0, 5, 4]


def test_text_batches_classify_every_code_unit_like_the_tables():
    from mediakit._text import _tables, _text_batches

    rng = random.Random(3)
    alphabet = "aZ9 _-'’\u00a0ÀÉßÿµ\u0130\u03a3\u0410ж\u2019\u201c\u2014\u00ad\ud7ff\uff21" + "\n\t."
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 200))) for _ in range(60)]
    texts += ["plain ascii text", "x😀y ÀB"]
    cls, low = _tables()
    for batch in _text_batches(texts, range(len(texts)), 500):
        joined = "\n".join(texts[i] for i in batch.rows) + "\n"
        units = np.frombuffer(joined.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        assert batch.units.tolist() == units.tolist()
        assert batch.low.tolist() == low[units].tolist()
        assert batch.letter.tolist() == (cls[units] == 1).tolist()
        if batch.kind != "astral":
            assert batch.low_joined == low[units].tobytes().decode("utf-16-le", "surrogatepass")
