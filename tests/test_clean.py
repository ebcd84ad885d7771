"""clean_article: the seed's acceptance list, and written variants so the rules are
not tuned to one article (Reuters and AFP datelines, Getty credits, "contributed to
this report", "Advertisement" lines, captions without credits)."""
from __future__ import annotations

import pandas as pd
import pytest

import mediakit
from mediakit import extend_lexicon
from mediakit.clean import Article, clean_article, markdown_to_text, normalize_text, parse_credit

SEED_CHROME = [
    "Top StoryWorld",
    "ukraine talks",
    "Read more international news",
    "Previous Article",
    "Morgan Wallen’s performance at Grand Ole Opry draws criticism",
    "Next Article",
    "Coal ash storage ponds shut down by EPA",
    "How useful was this article?",
    "Click on a star to rate it!",
    "Average rating 0 / 5. Vote count: 0",
    "No votes so far! Be the first to rate this article.",
    "Latest News",
]


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Article:
    return clean_article(seed_text)


# --- the seed ---------------------------------------------------------------------


def test_seed_chrome_gone_from_text(seed: Article) -> None:
    for line in SEED_CHROME:
        assert line not in seed.text, line
    assert seed.chrome == SEED_CHROME


def test_seed_title_and_standfirst(seed: Article) -> None:
    assert seed.title == "US, Russia, dig heels in regarding future Ukraine talks"
    # the aggregator's intro and the AP headline are not the AP story's body
    assert seed.standfirst.startswith("After an unsuccessful recent talk")
    assert seed.standfirst.endswith("Tough talk from both US and Russia over Ukraine")
    assert "has the story" not in seed.text


def test_seed_body_starts_at_dateline_and_ends_with_story(seed: Article) -> None:
    assert seed.text.startswith("Moscow and Washington both took uncompromising stands Tuesday")
    assert seed.text.endswith("“remain united in seeking de-escalation through diplomacy and strength.”")
    assert "MOSCOW (AP)" not in seed.text
    assert seed.text.count("\n\n") == 21  # the 22 paragraphs of the story
    assert seed.n_words == 815


def test_seed_captions_and_credits(seed: Article) -> None:
    assert len(seed.captions) == 4
    assert [c["name"] for c in seed.photo_credits] == [
        "Denis Balibouse", "Alexander Zemlianichenko", "Alexei Nikolsky", "John Thys",
    ]
    assert [c["agency"] for c in seed.photo_credits] == [
        "Pool via AP", "AP, Pool", "Sputnik, Kremlin Pool via AP", "Pool via AP",
    ]
    for cap in seed.captions:
        assert cap not in seed.text
    assert seed.captions[1].startswith("FILE – Russian President Vladimir Putin")
    assert "Balibouse" not in seed.text and "Pool via AP" not in seed.text


def test_seed_contributors_wire_dateline_date(seed: Article) -> None:
    assert seed.contributors == ["Aamer Madhani", "Ellen Knickmeyer", "Yuras Karmanau"]
    assert "contributed" not in seed.text
    assert seed.wire == "AP"
    assert seed.dateline == "MOSCOW"
    assert seed.date == pd.Timestamp("2022-01-11", tz="UTC")
    assert seed.date_source == "text"
    assert seed.byline is None


def test_seed_metadata_date_wins(seed_text: str) -> None:
    a = clean_article(seed_text, date="2022-01-12T08:00:00Z", title="Given title")
    assert a.date == pd.Timestamp("2022-01-12 08:00", tz="UTC")
    assert a.date_source == "metadata"
    assert a.title == "Given title"
    assert "US, Russia, dig heels in" in a.standfirst


def test_repr_html_escapes(seed: Article) -> None:
    evil = clean_article("<script>alert(1)</script> headline\n\n" + "Body text <b>bold</b> & more. " * 5)
    out = evil._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>bold</b>" not in out and "&lt;b&gt;bold&lt;/b&gt;" in out
    html = seed._repr_html_()
    assert "US, Russia, dig heels in regarding future Ukraine talks" in html
    assert "Denis Balibouse" in html and "MOSCOW" in html


def test_public_api_exports() -> None:
    assert mediakit.clean_article is clean_article
    assert mediakit.Article is Article


# --- variants ----------------------------------------------------------------------

REUTERS = """\
Home | World | Europe

Ukraine says Russian forces shelled Kharkiv overnight

By Pavel Polityuk and Natalia Zinets

KYIV, March 2 (Reuters) - Russian forces shelled the centre of Kharkiv overnight, Ukraine's emergency service said on Wednesday, as the invasion entered its seventh day and the United Nations counted more than 870,000 refugees.

Advertisement

"The city is under constant fire," the regional governor said in a statement posted on Telegram.

A damaged building is seen in Kharkiv, Ukraine, March 2, 2022. REUTERS/Oleksandr Lapshyn

Residents sheltered in metro stations as sirens sounded across the city on Wednesday morning, witnesses told Reuters.

ADVERTISEMENT

Officials said talks between the two sides could resume later in the week.

Reporting by Pavel Polityuk in Kyiv and Natalia Zinets in Lviv; Additional reporting by Tom Balmforth; Editing by Peter Graff

Share this article
Tags: Ukraine, Russia, Kharkiv
"""


def test_reuters_dateline_byline_credit_contributors() -> None:
    a = clean_article(REUTERS)
    assert a.title == "Ukraine says Russian forces shelled Kharkiv overnight"
    assert a.dateline == "KYIV"
    assert a.wire == "Reuters"
    assert a.byline == "Pavel Polityuk and Natalia Zinets"
    assert a.text.startswith("Russian forces shelled the centre of Kharkiv overnight")
    assert a.captions == ["A damaged building is seen in Kharkiv, Ukraine, March 2, 2022. REUTERS/Oleksandr Lapshyn"]
    assert a.photo_credits == [{"name": "Oleksandr Lapshyn", "agency": "Reuters"}]
    assert a.contributors == ["Pavel Polityuk", "Natalia Zinets", "Tom Balmforth", "Peter Graff"]
    for gone in ("Advertisement", "ADVERTISEMENT", "Share this article", "Tags:", "Home | World"):
        assert gone not in a.text
    assert "Home | World | Europe" in a.chrome
    assert a.date == pd.Timestamp("2022-03-02", tz="UTC")  # from the caption; lead says Wednesday
    assert a.date_source == "text"
    assert a.text.count("\n\n") == 3


AFP = """\
Macron calls Putin as Europe scrambles for diplomacy

Paris (AFP) - French President Emmanuel Macron spoke by telephone with Russian leader Vladimir Putin on Friday, the Elysee said, in a bid to ease tensions over Ukraine.

French President Emmanuel Macron speaks during a press conference at the Elysee Palace in Paris on January 28, 2022. (Photo by Ludovic Marin/AFP via Getty Images)

The call lasted more than an hour, an official told AFP, adding that both leaders agreed on the need to continue talks.

Satellite images show Russian military equipment massed near the border.

Le Monde's correspondent in Moscow contributed to this report.
Julien Dupont and Marie Leroux contributed to this report.

Related articles
"""


def test_afp_dateline_getty_credit_contributed_to_this_report() -> None:
    a = clean_article(AFP)
    assert a.title == "Macron calls Putin as Europe scrambles for diplomacy"
    assert a.dateline == "Paris"
    assert a.wire == "AFP"
    assert a.photo_credits == [{"name": "Ludovic Marin", "agency": "AFP via Getty Images"}]
    assert len(a.captions) == 1 and "Elysee Palace" in a.captions[0]
    assert a.contributors == ["Julien Dupont", "Marie Leroux"]
    # a prose line that merely mentions satellite images is not a caption
    assert "Satellite images show Russian military equipment" in a.text
    assert "Related articles" not in a.text
    assert a.date == pd.Timestamp("2022-01-28", tz="UTC")


CAPTIONS_WITHOUT_CREDIT = """\
City council approves new budget

WASHINGTON — The city council on Monday approved a budget that raises spending on schools and transit, after a debate that ran late into the night.

FILE — Council members meet at City Hall in Washington, Oct. 4, 2021.

The budget now goes to the mayor, who is expected to sign it this week, her office said in a statement on Monday.

Photo: The council chamber before the vote.

Associated Press writer Jane Doe contributed.
"""


def test_captions_without_credit_and_plain_dateline() -> None:
    a = clean_article(CAPTIONS_WITHOUT_CREDIT)
    assert a.dateline == "WASHINGTON"
    assert a.wire is None  # no agency in the dateline or the text
    assert a.captions == [
        "FILE — Council members meet at City Hall in Washington, Oct. 4, 2021.",
        "Photo: The council chamber before the vote.",
    ]
    assert a.photo_credits == []
    assert a.contributors == ["Jane Doe"]
    assert a.text.startswith("The city council on Monday approved")
    # only a 2021 date in the caption; the lead says Monday: moved to the next Monday
    assert a.date == pd.Timestamp("2021-10-04", tz="UTC")


BROADSHEET = """\
World
Europe
Ukraine

Zelenskyy urges allies to speed up weapons deliveries

Ukrainian president says every day of delay costs lives as Russian forces press on in the east

Volodymyr Zelenskyy speaking in Kyiv on Sunday. Photograph: Ukrainian Presidential Press Service/Reuters

Dan Sabbagh in Kyiv
Mon 18 Apr 2022 05.30 BST

Volodymyr Zelenskyy has urged western allies to speed up deliveries of heavy weapons, saying that every day of delay costs Ukrainian lives as Russian forces regroup for an offensive in the east.

“We need them now,” he said in his nightly address on Sunday, adding that Ukraine had received promises but not enough arms.

Image source, Getty Images
Image caption, Residents walk past a destroyed building in Mariupol

Officials in Kharkiv said shelling continued overnight, with at least five people killed.

Explore more on these topics
Ukraine
Russia
Europe
Share
Reuse this content
"""


def test_broadsheet_menu_bare_byline_date_line_bbc_captions_topics_footer() -> None:
    a = clean_article(BROADSHEET)
    assert a.title == "Zelenskyy urges allies to speed up weapons deliveries"
    assert a.standfirst == "Ukrainian president says every day of delay costs lives as Russian forces press on in the east"
    assert a.byline == "Dan Sabbagh in Kyiv"
    assert a.date == pd.Timestamp("2022-04-18 04:30", tz="UTC") and a.date_source == "text"  # the page's date line
    assert a.captions[1:] == ["Image source, Getty Images", "Image caption, Residents walk past a destroyed building in Mariupol"]
    assert a.photo_credits == [
        {"name": None, "agency": "Ukrainian Presidential Press Service, Reuters"},
        {"name": None, "agency": "Getty Images"},
    ]
    assert a.text.startswith("Volodymyr Zelenskyy has urged western allies")
    assert a.text.endswith("with at least five people killed.")
    assert a.text.count("\n\n") == 2
    assert a.chrome[:3] == ["World", "Europe", "Ukraine"]  # a menu block: its other labels go too


def test_wire_from_text_cues_and_via_credit() -> None:
    story = "Some headline here\n\n" + "The minister said the talks would continue next week. " * 3
    assert clean_article(story + "\n\nThe Associated Press has the story.").wire == "AP"
    assert clean_article(story + "\n\n— Reuters").wire == "Reuters"
    cap = "\n\nA man walks past a shop in Kyiv, Ukraine, Jan. 3, 2022. (Efrem Lukatsky/AP via AP)"
    assert clean_article(story + cap).wire == "AP"
    assert clean_article(story).wire is None


def test_no_dateline_no_title_plain_prose() -> None:
    text = "This is an ordinary paragraph of prose with no headline above it, and it goes on for a while.\n\nA second paragraph follows here, also plain."
    a = clean_article(text)
    assert a.title is None
    assert a.text == text
    assert a.chrome == [] and a.captions == [] and a.contributors == []
    assert a.date is None and a.date_source is None


def test_prose_ending_in_parenthesis_is_not_a_caption() -> None:
    text = "Headline words here\n\nThe agency said the vote was postponed, according to a statement (in Russian).\n\nOfficials in Moscow said the talks would go on (Reuters)."
    a = clean_article(text)
    assert a.captions == []
    assert "(in Russian)" in a.text and "(Reuters)" in a.text


def test_previous_next_only_take_short_title_lines() -> None:
    text = (
        "Headline words here\n\n"
        + "A body paragraph that talks about the next article of the treaty at length. " * 2
        + "\n\nNext Article\nAnother story title\n\nRead more: the full archive"
    )
    a = clean_article(text)
    assert "Another story title" in a.chrome
    assert "Next Article" not in a.text and "Read more" not in a.text
    assert "next article of the treaty" in a.text


def test_rules_are_data_extend_lexicon() -> None:
    prose = "Plain prose paragraph that is long enough to be prose. " * 2
    text = "Headline words here\n\n" + prose + "\n\nWATCH OUR LIVE SHOW\n\n" + prose
    assert "WATCH OUR LIVE SHOW" in clean_article(text).text
    extend_lexicon("chrome_patterns", {"line": [r"watch our live show"]})
    try:
        assert "WATCH OUR LIVE SHOW" not in clean_article(text).text
    finally:
        from mediakit import lexicons

        lexicons._EXTRA.pop("chrome_patterns", None)
        lexicons._VERSION[0] += 1
    assert "WATCH OUR LIVE SHOW" in clean_article(text).text


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("AP Photo/Evan Vucci, File", [{"name": "Evan Vucci", "agency": "AP"}]),
        ("Photo by Chip Somodevilla/Getty Images", [{"name": "Chip Somodevilla", "agency": "Getty Images"}]),
        ("SERGEI SUPINSKY/AFP via Getty Images", [{"name": "Sergei Supinsky", "agency": "AFP via Getty Images"}]),
        ("Mikhail Klimentyev, Sputnik, Kremlin Pool Photo via AP", [{"name": "Mikhail Klimentyev", "agency": "Sputnik, Kremlin Pool via AP"}]),
        ("Ukrainian Presidential Press Office via AP", [{"name": None, "agency": "Ukrainian Presidential Press Office via AP"}]),
        ("AP Photo/Efrem Lukatsky, Vadim Ghirda", [{"name": "Efrem Lukatsky", "agency": "AP"}, {"name": "Vadim Ghirda", "agency": "AP"}]),
        ("in Russian", []),
    ],
)
def test_parse_credit(credit: str, expected: list[dict]) -> None:
    assert parse_credit(credit) == expected


def test_normalize_and_markdown() -> None:
    assert normalize_text("a\u00a0b\u200b c  \r\n\r\n\r\n\r\nd\u202fe") == "a b c\n\nd e"
    md = "## Remarks\n\n*U.S. Capitol  \nWashington, D.C.*\n\nTHE PRESIDENT:  Thank you\nall for coming \\- really.\n\nSee [the memo](https://x.gov/a_(b)).\n- one\n- two"
    assert markdown_to_text(md) == (
        "Remarks\n\nU.S. Capitol\nWashington, D.C.\n\nTHE PRESIDENT:  Thank you all for coming - really.\n\nSee the memo.\n- one\n- two"
    )


@pytest.mark.shared
def test_clean_text_is_left_alone(shared_data) -> None:
    """On 924 articles that are already clean (PolNeAR), the cleaner removes almost
    nothing: no chrome false positives, captions only where they really are."""
    import json
    import statistics

    rows = []
    for name in ("polnear_train.jsonl", "polnear_dev.jsonl"):
        with open(shared_data / "quotes" / name, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    arts = [clean_article(r["text"]) for r in rows]
    kept = [len(a.text) / len(r["text"]) for r, a in zip(rows, arts, strict=True)]
    assert statistics.median(kept) > 0.995
    assert sum(k < 0.8 for k in kept) <= 2
    assert sum(len(a.chrome) for a in arts) <= 5
    captions = [c for a in arts for c in a.captions]
    assert len(captions) <= 8 and all("Images" in c or "SVP" in c for c in captions)
    wires = {a.wire for a in arts}
    assert {"AP", "Reuters", "AFP", "UPI"} <= wires


def test_detect_dateline_vectorised() -> None:
    from mediakit.clean import detect_dateline

    s = pd.Series(
        [
            "MOSCOW (AP) — Moscow and Washington took stands.",
            "KYIV, March 2 (Reuters) - Russian forces shelled the city.",
            "Paris (AFP) - French President spoke.",
            "AFL-CIO Headquarters\nWashington, D.C.",
            "WASHINGTON—The council met.",
            "Dec 29 (Reuters) - U.S. candidate said.",
            "Just a sentence - with a dash.",
            None,
        ],
        index=range(10, 18),
    )
    out = detect_dateline(s)
    assert list(out.index) == list(range(10, 18))
    assert out.dateline.tolist() == ["MOSCOW", "KYIV", "Paris", None, "WASHINGTON", None, None, None]
    assert out.wire.tolist() == ["AP", "Reuters", "AFP", None, None, "Reuters", None, None]
