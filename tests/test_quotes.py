"""Quote extraction and speaker attribution: content and counts."""
from __future__ import annotations

import time

import pandas as pd
import pytest

import mediakit
from mediakit._names import split_name, surname
from mediakit.quotes import COLUMNS, extract_quotes, quotes


def _by_quote(df: pd.DataFrame) -> dict[str, str | None]:
    return {q.strip('"“”'): s for q, s in zip(df["quote"], df["speaker"], strict=True)}


# ---------------------------------------------------------------- the seed
SEED_COUNTS = {
    "Julianne Smith": 4,
    "Dmitry Peskov": 4,
    "Jen Psaki": 3,
    "Vladimir Putin": 1,
    "Wendy Sherman": 1,
    "Volodymyr Zelenskyy": 1,
    "Dmytro Kuleba": 1,
}


def test_seed_finds_and_attributes_all_15_quotes(seed_text):
    df = extract_quotes(seed_text)
    assert len(df) == 15
    assert df["speaker"].value_counts().to_dict() == SEED_COUNTS
    for r in df.itertuples():
        assert seed_text[r.start:r.end] == r.quote
    assert not df["quote"].str.contains("Villa la Grange").any()


def test_seed_hard_cases(seed_text):
    df = extract_quotes(seed_text)
    q = {r.quote.strip('"“”,. '): r for r in df.itertuples()}
    peskov = q["open, comprehensive and direct"]
    assert peskov.speaker == "Dmitry Peskov" and peskov.kind == "partial"
    assert peskov.role == "Kremlin spokesman"
    wrong_way = q["We see no significant reason for optimism"]
    assert wrong_way.speaker == "Dmitry Peskov" and wrong_way.speaker_mention == "he"
    assert q["military-technical measures"].speaker == "Vladimir Putin"
    assert q["military-technical measures"].kind == "partial"
    smith = q["We will not allow anyone to slam NATO’s open-door policy shut"]
    assert smith.speaker == "Julianne Smith" and smith.role == "U.S. Ambassador"
    assert smith.speaker_mention == "U.S. Ambassador Julianne Smith"
    assert seed_text[smith.speaker_start:smith.speaker_end] == smith.speaker_mention
    sherman = [r for k, r in q.items() if k.startswith("The United States is committed")][0]
    assert sherman.speaker == "Wendy Sherman" and sherman.cue == "tweeted"
    stand = [r for k, r in q.items() if k.startswith("We stand firm")][0]
    assert stand.speaker == "Julianne Smith"
    absolutely = [r for k, r in q.items() if k.startswith("We absolutely")][0]
    assert absolutely.speaker == "Dmitry Peskov" and absolutely.continued


# ---------------------------------------------------------------- names
@pytest.mark.parametrize(
    "mention, role, name",
    [
        ("U.S. Ambassador Julianne Smith", "U.S. Ambassador", "Julianne Smith"),
        ("Kremlin spokesman Dmitry Peskov", "Kremlin spokesman", "Dmitry Peskov"),
        ("White House press secretary Jen Psaki", "White House press secretary", "Jen Psaki"),
        ("Deputy Foreign Minister Sergei Ryabkov", "Deputy Foreign Minister", "Sergei Ryabkov"),
        ("US Deputy Secretary of State Wendy Sherman", "US Deputy Secretary of State", "Wendy Sherman"),
        ("Secretary of Transportation Pete Buttigieg", "Secretary of Transportation", "Pete Buttigieg"),
        ("Sen. Ted Cruz", "Sen.", "Ted Cruz"),
        ("Mr. Obama", "Mr.", "Obama"),
        ("Osama bin Laden", None, "Osama bin Laden"),
        ("the senator", "the senator", None),
    ],
)
def test_split_name(mention, role, name):
    assert split_name(mention) == (role, name)


def test_surname():
    assert surname("Osama bin Laden") == "bin Laden"
    assert surname("Martin Luther King Jr.") == "King"
    assert surname("Trump’s") == "Trump"


# ---------------------------------------------------------------- API
def test_columns_and_empty():
    df = extract_quotes("No quotes here.")
    assert list(df.columns) == COLUMNS and len(df) == 0
    assert list(extract_quotes("").columns) == COLUMNS
    assert mediakit.extract_quotes is extract_quotes


def test_quotes_on_corpus_puts_doc_id_first():
    df = pd.DataFrame({"doc_id": ["a", "b", "c"],
                       "text": ['“Yes,” he said.', "none", '“No,” Smith said. “Never.”']})
    out = quotes(df, progress=False)
    assert list(out.columns) == ["doc_id", *COLUMNS]
    assert out["doc_id"].tolist() == ["a", "c", "c"]
    assert out["speaker"].tolist()[1:] == ["Smith", "Smith"]


# ---------------------------------------------------------------- robustness
def test_unbalanced_marks_never_swallow_the_article():
    text = "He said “this is unclosed.\n\nThe next paragraph is the writer’s.\n\n“Fine,” she said."
    df = extract_quotes(text)
    assert all("writer’s" not in q for q in df["quote"])
    assert "“Fine,”" in df["quote"].tolist()


def test_ten_thousand_unclosed_quotes_in_linear_time():
    text = 'He said "oops and more words ' * 10_000
    t0 = time.perf_counter()
    df = extract_quotes(text)
    assert time.perf_counter() - t0 < 5
    for r in df.itertuples():
        assert text[r.start:r.end] == r.quote
