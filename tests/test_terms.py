"""Term counting, term_frequency, kwic: word forms, rates, periods, dedupe, dask, real data."""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit._text import WORD_RE, count_words
from mediakit.terms import count_terms, count_words_fast, kwic, term_frequency

COLUMNS = ["doc_id", "title", "date", "outlet", "text"]


def corpus(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(doc_id, date, outlet, text) rows -> a corpus-shaped table."""
    df = pd.DataFrame(
        [(d, f"title {d}", pd.Timestamp(day, tz="UTC"), o, t) for d, day, o, t in rows], columns=COLUMNS
    )
    df["n_words"] = [count_words(t) for t in df["text"]]
    return df


def one(text: str, terms, **kw) -> dict[str, int]:
    out = count_terms(corpus([("a", "2022-01-03", "x", text)]), terms, **kw)
    return {k: int(v) for k, v in out.iloc[0].items()}


# ------------------------------------------------------------------ word forms
def test_stem_groups_word_forms_and_exact_does_not():
    text = "Sanctions, a sanction, sanctioned firms, sanctioning; troop and troops. Sanctimonious."
    assert one(text, ["sanctions", "troops"]) == {"sanctions": 4, "troops": 2, "n_words": 10}
    assert one(text, ["sanctions", "troops"], match="exact") == {"sanctions": 1, "troops": 1, "n_words": 10}


def test_case_possessives_hyphen_compounds_and_nbsp():
    text = "NATO and Nato and nato. NATO’s and NATO's role. Russia-NATO talks. The Security\u00a0Council met."
    assert one(text, ["NATO", "Security Council"])["NATO"] == 6
    assert one(text, ["NATO", "Security Council"])["Security Council"] == 1
    assert one(text, ["NATO"], case_sensitive=True)["NATO"] == 4
    assert one("SENATOR senator nationally", ["NATO"])["NATO"] == 0


def test_phrases_globs_and_regex_keep_the_users_label():
    text = "NATO’s open-door policy. An open door policy? Open-door policies. Sanctioned, sanctions."
    got = one(text, ["open-door policy", "sanction*"])
    assert got == {"open-door policy": 3, "sanction*": 2, "n_words": 11}
    assert one(text, ["open-door policy"], match="exact")["open-door policy"] == 2
    assert one(text, [r"\bopen[- ]door\b", r"sanction\w*"], match="regex") == {
        r"\bopen[- ]door\b": 3,
        r"sanction\w*": 2,
        "n_words": 11,
    }


def test_punctuation_inside_a_term_is_kept():
    text = "The U.S. and u.s. and US said. NATO’s and NATO's, NATOs. An e-mail, an email."
    got = one(text, ["U.S.", "NATO's", "e-mail"], match="exact")
    assert (got["U.S."], got["NATO's"], got["e-mail"]) == (2, 2, 1)


def test_stem_handles_irregular_snowball_forms():
    # Snowball: cry/cries -> "cri", hoping/hope -> "hope", dying -> "die"
    assert one("He cried, they cry, she cries.", ["crying"])["crying"] == 3
    assert one("hoping, hoped, hopes, hope", ["hope"])["hope"] == 4
    assert one("dying and died", ["die"])["die"] == 2


def test_bad_terms_raise():
    df = corpus([("a", "2022-01-03", "x", "text")])
    with pytest.raises(ValueError, match="non-empty"):
        count_terms(df, [""])
    with pytest.raises(ValueError, match="regular expression"):
        count_terms(df, ["(unclosed"], match="regex")
    with pytest.raises(ValueError, match="repeat"):
        count_terms(df, ["NATO", "NATO"])


_TOKENS = ["NATO", "Nato", "nato’s", "senator", "sanctions", "Sanctioned", "sanctimony", "troop", "TROOPS",
           "trooper", "cry", "cries", "dying", "x", "9", "_", " ", "  ", "-", "’", "'", ".", "\u00a0", "é"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join))
def test_stem_counts_equal_stemming_every_word(text):
    from mediakit.terms import _stem

    terms = ["NATO", "sanctions", "troops", "crying", "die"]
    got = one(text, terms)
    pieces = [_stem(w) for w in re.findall(r"[^\W_]+", text.lower())]
    for t in terms:
        assert got[t] == pieces.count(_stem(t.lower())), (t, text)
    assert got["n_words"] == count_words(text)


# ---------------------------------------------------------------- word counts
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z9_-'’.\u00a0\n\téİK𝐀😀—“")), max_size=60))
def test_count_words_fast_equals_the_word_regex(text):
    # the fast counter must count exactly what the one word definition (WORD_RE) matches
    assert count_words_fast(text) == len(WORD_RE.findall(text))


def test_count_words_fast_on_edge_cases():
    for text in ["", "a", "-", "a-", "-a", "rock-n-roll", "NATO’s", "a''b", "a-'b", "x_y", "İstanbul", "𝐀𝐁 c", "bad \udcff byte", "😀NATO"]:
        assert count_words_fast(text) == len(WORD_RE.findall(text)), text


# --------------------------------------------------------------- aggregation
@pytest.fixture
def small() -> pd.DataFrame:
    return corpus(
        [
            # week of Mon 2022-01-03
            ("a1", "2022-01-03", "A", "NATO " + "word " * 99),  # 100 words, 1 NATO
            ("a2", "2022-01-05", "A", "NATO NATO NATO " + "word " * 297),  # 300 words, 3 NATO
            ("b1", "2022-01-04", "B", "sanctions " + "word " * 49),
            # nothing in the week of 2022-01-10
            ("a3", "2022-01-18", "A", "troops and NATO " + "word " * 47),
        ]
    )


def test_rates_are_sums_over_sums_with_denominators(small):
    tf = term_frequency(small, dedupe=False)
    assert list(tf.columns) == [
        "period", "term", "count", "n_words", "per_1k_words", "docs_with_term", "n_docs",
    ]
    w1 = tf[(tf["period"] == pd.Timestamp("2022-01-03", tz="UTC")) & (tf["term"] == "NATO")].iloc[0]
    assert (w1["count"], w1["n_words"], w1["docs_with_term"], w1["n_docs"]) == (4, 450, 2, 3)
    assert w1["per_1k_words"] == pytest.approx(1000 * 4 / 450)  # not the mean of 10, 10 and 0


def test_periods_without_articles_appear_with_zeros(small):
    tf = term_frequency(small, dedupe=False)
    weeks = sorted(tf["period"].unique())
    assert [str(w.date()) for w in weeks] == ["2022-01-03", "2022-01-10", "2022-01-17"]
    gap = tf[tf["period"] == pd.Timestamp("2022-01-10", tz="UTC")]
    assert len(gap) == 3
    assert (gap[["count", "n_words", "n_docs", "per_1k_words"]] == 0).all().all()
    assert list(dict.fromkeys(tf["term"])) == ["NATO", "sanctions", "troops"]


def test_by_outlet_is_a_full_grid(small):
    tf = term_frequency(small, ["NATO"], by="outlet", dedupe=False)
    assert list(tf.columns[:3]) == ["period", "outlet", "term"]
    assert len(tf) == 2 * 3  # outlets x weeks
    a = tf[tf["outlet"] == "A"].set_index("period")["count"]
    assert a.tolist() == [4, 0, 1]
    assert tf[tf["outlet"] == "B"]["count"].sum() == 0


def test_start_end_and_freq(small):
    tf = term_frequency(small, ["NATO"], freq="D", start="2022-01-04", end="2022-01-06", dedupe=False)
    assert [str(p.date()) for p in tf["period"]] == ["2022-01-04", "2022-01-05", "2022-01-06"]
    assert tf["count"].tolist() == [0, 3, 0]
    monthly = term_frequency(small, ["NATO"], freq="MS", dedupe=False)
    assert monthly["count"].tolist() == [5] and str(monthly["period"].iloc[0].date()) == "2022-01-01"


def test_empty_corpus_undated_articles_and_period_aliases(small):
    empty = term_frequency(small.iloc[:0], by="outlet")
    assert empty.empty and list(empty.columns)[:3] == ["period", "outlet", "term"]
    undated = pd.concat([small, corpus([("u", "2022-01-04", "A", "NATO NATO")]).assign(date=pd.NaT)])
    tf = term_frequency(undated, ["NATO"], dedupe=False)
    assert tf["count"].sum() == 5 and tf.attrs["undated"] == 1
    for freq in ("M", "MS", "ME"):
        monthly = term_frequency(small, ["NATO"], freq=freq, dedupe=False, start="", end="")
        assert monthly[["count", "n_docs"]].values.tolist() == [[5, 4]], freq


STORY = (
    "MOSCOW (AP) — Moscow and Washington both took uncompromising stands Tuesday ahead of more talks "
    "amid a Russian troop buildup near Ukraine, with the U.S. rebuffing a demand to halt NATO expansion "
    "and the Kremlin saying it will quickly see if it is worthwhile to even keep negotiating. At Monday's "
    "talks in Geneva, Russia insisted on guarantees precluding NATO's expansion to Ukraine and other "
    "ex-Soviet nations and demanded to roll back the military alliance's deployments in Eastern Europe. "
    "The U.S. firmly rejected the demands as a nonstarter. The U.S. warned that Russia will face "
    "unprecedented sanctions if it attacks Ukraine."
)


def test_dedupe_counts_a_syndicated_story_once(small):
    df = pd.concat(
        [
            small,
            corpus(
                [
                    ("w1", "2022-01-11", "C", STORY),
                    ("w2", "2022-01-11", "C", "Top Story | World\n\n" + STORY + "\n\nRead more news"),
                    ("w3", "2022-01-12", "C", STORY.upper()),
                ]
            ),
        ],
        ignore_index=True,
    )
    once = term_frequency(df, ["NATO"], by="outlet")
    twice = term_frequency(df, ["NATO"], by="outlet", dedupe=False)
    row = once[(once["outlet"] == "C") & (once["period"] == pd.Timestamp("2022-01-10", tz="UTC"))].iloc[0]
    assert (row["count"], row["n_docs"], row["n_copies"]) == (2, 1, 3)
    many = twice[(twice["outlet"] == "C") & (twice["period"] == pd.Timestamp("2022-01-10", tz="UTC"))]
    assert many["count"].iloc[0] == 6
    # other outlets unaffected: no copies there
    a = once[once["outlet"] == "A"]
    assert a["count"].tolist() == [4, 0, 1] and (a["n_copies"] == a["n_docs"]).all()


def test_dask_matches_pandas(small):
    dd = pytest.importorskip("dask.dataframe")
    import dask

    df = pd.concat([small, corpus([("w1", "2022-01-11", "C", STORY), ("w2", "2022-01-12", "C", STORY)])])
    df = df.reset_index(drop=True)
    ddf = dd.from_pandas(df, npartitions=3)
    with dask.config.set(scheduler="synchronous"):
        for kw in (
            {"dedupe": False},
            {"dedupe": True},
            {"dedupe": True, "by": "outlet"},
            {"by": ["outlet"], "start": "2022-01-04", "end": "2022-01-12", "freq": "D", "terms": ["NATO", "sanction*"]},
        ):
            got = term_frequency(ddf, **kw)
            want = term_frequency(df, **kw)
            pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
            assert want["count"].sum() > 0


# ------------------------------------------------------------------------ kwic
def test_kwic_contexts_match_counts(small):
    text = "Leaders met.  The Russian troop buildup near Ukraine worried NATO’s members, said officials."
    df = corpus([("k", "2022-01-03", "X", text)])
    k = kwic(df, "troops", window=3)
    assert list(k.columns[:6]) == ["doc_id", "date", "outlet", "left", "match", "right"]
    assert k.iloc[0][["doc_id", "outlet", "left", "match", "right"]].tolist() == [
        "k", "X", "met. The Russian", "troop", "buildup near Ukraine",
    ]
    n = kwic(df, "NATO", window=2)
    assert n["match"].tolist() == ["NATO"] and n["right"].iloc[0] == "’s members"
    assert text[n["start"].iloc[0] : n["end"].iloc[0]] == "NATO"
    assert len(kwic(small, "NATO")) == count_terms(small, ["NATO"])["NATO"].sum() == 5


# ------------------------------------------------------------------------ seed
def test_seed_body_counts_equal_hand_count(seed_text):
    """Hand count in the seed's body (photo captions excluded).

    NATO 10: "halt NATO expansion", "NATO’s expansion" (x2: Monday's talks and
    Ryabkov), "envoy to NATO", "slam NATO’s open-door", "Russia-NATO talks",
    "inside the NATO alliance", "NATO’s open-door policy" (Smith), "demand for NATO",
    "Washington and NATO"; the FILE photo caption's "its NATO allies" is not body.
    sanctions 1: "unprecedented sanctions". troops 3: "Russian troop buildup",
    "100,000 troops", "3,000 troops"; the caption's "buildup of Russian troops" is not body.
    """
    clean = pytest.importorskip("mediakit.clean")
    article = clean.clean_article(seed_text)
    df = pd.DataFrame({"doc_id": ["seed"], "date": [pd.Timestamp("2022-01-11", tz="UTC")], "text": [article.text]})
    got = count_terms(df, ["NATO", "sanctions", "troops"]).iloc[0]
    assert (got["NATO"], got["sanctions"], got["troops"]) == (10, 1, 3)
    assert got["n_words"] == count_words(article.text)
    # the raw page has the caption mentions too
    raw = count_terms(pd.DataFrame({"text": [seed_text]}), ["NATO", "troops"]).iloc[0]
    assert (raw["NATO"], raw["troops"]) == (11, 4)
    assert any("NATO allies" in c for c in article.captions)


# ------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def whitehouse(shared_data) -> pd.DataFrame:
    from mediakit.corpus import load_corpus

    return load_corpus(shared_data / "corpora" / "whitehouse")


@pytest.fixture(scope="module")
def kremlin(shared_data) -> pd.DataFrame:
    from mediakit.corpus import load_corpus

    return load_corpus(str(shared_data / "corpora" / "kremlin_ukraine" / "*.csv"))


@pytest.mark.shared
def test_whitehouse_sanctions_peak_and_nato_total(whitehouse):
    tf = term_frequency(whitehouse)
    s = tf[tf["term"] == "sanctions"].set_index("period")["per_1k_words"]
    assert s.idxmax() == pd.Timestamp("2022-02-21", tz="UTC")
    # no holes: consecutive weeks from first to last
    assert (np.diff(s.index.to_numpy()) == np.timedelta64(7, "D")).all()
    # NATO total vs an independent count: the word in any case, possessives included
    raw = term_frequency(whitehouse, ["NATO"], dedupe=False)["count"].sum()
    indep = sum(len(re.findall(r"\bnato\b", t, flags=re.IGNORECASE)) for t in whitehouse["text"])
    assert indep > 900
    assert abs(raw - indep) <= 0.01 * indep
    # dedupe removes a handful of reposted transcripts, not more
    deduped = tf[tf["term"] == "NATO"]
    assert deduped["n_copies"].sum() == len(whitehouse)
    assert len(whitehouse) - 10 <= deduped["n_docs"].sum() < len(whitehouse)


@pytest.mark.shared
def test_kremlin_by_outlet(kremlin):
    tf = term_frequency(kremlin, by="outlet")
    assert set(tf["outlet"]) == {"putin", "zelenskyy"}
    per_outlet = tf.groupby(["outlet", "term"]).size()
    assert per_outlet.nunique() == 1  # same weeks for every outlet and term
    words = tf[tf["term"] == "NATO"].groupby("outlet")["n_words"].sum()
    kept = kremlin.groupby("outlet")["n_words"].sum()
    assert (words <= kept).all() and (words >= 0.95 * kept).all()
    s = tf[(tf["outlet"] == "zelenskyy") & (tf["term"] == "sanctions")].set_index("period")
    before = s.loc[: "2022-02-20", "count"].sum() / s.loc[: "2022-02-20", "n_words"].sum()
    after = s.loc["2022-02-28":, "count"].sum() / s.loc["2022-02-28":, "n_words"].sum()
    assert after > 2 * before  # Zelenskyy talks about sanctions far more after the invasion


@pytest.mark.shared
def test_counts_equal_full_tokenisation_on_real_text(whitehouse):
    """The anchor search finds exactly what stemming every word would find."""
    from mediakit.terms import _stem, _stem_anchors

    texts = whitehouse["text"].tolist()
    vocab = {w for t in texts for w in re.findall(r"[^\W_]+", t.lower())}
    assert len(vocab) > 15_000
    missed = [w for w in vocab if not any(w.startswith(a) for a in _stem_anchors(_stem(w)))]
    assert missed == []
    terms = ["NATO", "sanctions", "troops", "early", "hoping", "ability", "Ukrainian", "lying"]
    got = count_terms(whitehouse.head(120), terms, words=False)
    stems = [Counter(_stem(w) for w in re.findall(r"[^\W_]+", t.lower())) for t in texts[:120]]
    for label in terms:
        want = _stem(label.lower())
        assert got[label].tolist() == [c[want] for c in stems], label


# ------------------------------------------------------------ batched counting
_MIXED = [
    "NATO's troops; Nato-led sanctions. Sanctioned firms.",
    "Les sanctions de l’OTAN: “NATO” — sanctions\u00a0policy, open\u2011door policy.",
    "😀 NATO 😀 sanctions beyond the BMP, war-war war war",
    "",
    None,
    "United\nStates",  # a phrase must not run from one article into the next
    "United",
    "States and the United  States, the UNITED-STATES; ünited Ünited ÜNITED",
    "U.S. and u.s. and US; e-mail, email; a A a; x-ray xz xyz",
]


@pytest.mark.parametrize(
    "terms, kw",
    [
        (["NATO", "sanctions", "troops", "United States", "open-door policy", "ünited"], {}),
        (["NATO", "sanction*", "*ray", "U.S.", "e-mail", "a", "x?z", "war war"], {"match": "exact"}),
        (["NATO", "Sanctions", "United States", "Ünited", "a"], {"case_sensitive": True}),
        ([r"\bwar\b", r"sanction\w*"], {"match": "regex"}),
    ],
)
def test_batched_counts_equal_counting_article_by_article(terms, kw, monkeypatch):
    """Articles counted in joined batches (numpy anchor search) count as one by one."""
    import mediakit.terms as T

    texts = _MIXED * 7
    df = pd.DataFrame({"text": texts})
    compiled = T._compile_terms(tuple(terms), kw.get("match", "stem"), kw.get("case_sensitive", False))
    want = np.array([T._count_text(t, compiled, True) for t in texts], dtype=np.int64)
    monkeypatch.setattr(T, "_BATCH_CHARS", 150)  # several batches, of several articles
    got = count_terms(df, terms, **kw)
    assert got.to_numpy().tolist() == want.tolist()
    assert got["n_words"].tolist() == [count_words(t) for t in texts]


_TAILS = [
    "sanctions sanctioned sanctioningly sanctionsxyzabcdefghij Sanctionable war wars warsaw was wash",
    "Ukraine ukrainians UKRAINIANISATIONS ukrainé ükrainian a an ab abc abcdefghijklmnop",
    "Россия Russia russians — war, Warsaw’s wardrobes; vaccinationcampaigns vaccine’s",
    "sanction* sanction sanctions, sanctions; sanctioneers sanctionsé",
]


@pytest.mark.parametrize(
    "terms, kw",
    [
        # "sanctions" and "sanction*" share an anchor; "war"/"was"/"wash" share a key;
        # "a" holds every key starting with "a"; tails longer than a packed key
        (["sanctions", "sanction*", "war", "was", "wash", "a", "Ukraine", "vaccine", "Russia"], {}),
        (["sanctions", "war", "ukrainians", "Россия", "ab"], {"match": "exact"}),
        (["Sanctions", "War", "Ukraine", "russians"], {"case_sensitive": True}),
    ],
)
def test_batched_counts_with_shared_keys_and_long_tails(terms, kw, monkeypatch):
    """Anchors checked together or on their own (a key they share), and word pieces told
    apart by packed tails or read whole, count as article by article."""
    import mediakit.terms as T

    texts = (_TAILS + _MIXED) * 5
    compiled = T._compile_terms(tuple(terms), kw.get("match", "stem"), kw.get("case_sensitive", False))
    want = [T._count_text(t, compiled) for t in texts]
    monkeypatch.setattr(T, "_BATCH_CHARS", 400)
    got = count_terms(pd.DataFrame({"text": texts}), terms, words=False, **kw)
    assert got.to_numpy().tolist() == want


def test_dedupe_takes_n_words_of_the_kept_articles_as_given():
    """A gap in n_words on a dropped copy does not make the kept articles recounted."""
    text = "NATO troops and sanctions; " * 20
    df = corpus([("a", "2022-01-03", "x", text), ("b", "2022-01-04", "x", "Other words about NATO. " * 12)])
    df["n_words"] = [1000, 500]
    copy = df.iloc[[0]].assign(doc_id="a2", n_words=np.nan)
    tf = term_frequency(pd.concat([df, copy], ignore_index=True), ["NATO"], freq="W")
    assert tf["n_words"].sum() == 1500  # the column's values, not count_words
    assert tf["n_copies"].sum() == 3 and tf["n_docs"].sum() == 2
