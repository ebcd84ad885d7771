"""load_corpus / save_corpus: every format, every problem accounted for, stable ids,
and acceptance on the real corpora in ../shared/data."""
from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import mediakit
from mediakit.corpus import ALL_COLUMNS, CorpusError, load_corpus, save_corpus

SEED_NAME = "000_d77f0df208c26749.txt"


def balanced(df: pd.DataFrame) -> None:
    """The ledger invariant every load must keep."""
    assert df.attrs["given"] == len(df) + len(df.attrs["skipped"])
    assert list(df.attrs["skipped"].columns) == ["source_path", "record", "reason"]
    assert list(df.attrs["warnings"].columns) == ["source_path", "record", "doc_id", "reason"]
    assert list(df.columns[: len(ALL_COLUMNS)]) == ALL_COLUMNS
    assert str(df["date"].dtype) == "datetime64[ns, UTC]"
    assert str(df["n_words"].dtype) == "int64"
    assert df["doc_id"].is_unique
    for c in ("captions", "photo_credits", "contributors"):
        assert all(isinstance(v, list) for v in df[c])


def skipped_reasons(df: pd.DataFrame) -> dict[str, str]:
    sk = df.attrs["skipped"]
    return {Path(p).name + ("" if r is None or pd.isna(r) else f"#{int(r)}"): why for p, r, why in zip(sk.source_path, sk.record, sk.reason, strict=True)}


@pytest.fixture()
def mixed(tmp_path: Path, seed_text: str) -> Path:
    """A folder with one file of each kind, and problem files."""
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    (d / SEED_NAME).write_text(seed_text, encoding="utf-8")
    (d / "sub" / "brief.md").write_text(
        "---\ntitle: \"Press\\_Briefing by\\_Press Secretary\"\ndate: '2022-01-06'\n"
        "published_time: 2022-01-06 10:39:23-05:00\nsource_url: https://www.whitehouse.gov/briefing/1/\n"
        "tags: press-briefings\n---\n \n*James S. Brady Briefing Room*\n\n"
        "MS. PSAKI:  Good afternoon.\u00a0 The \\[inaudible\\] meeting\nwent on \\- as planned.\n",
        encoding="utf-8",
    )
    (d / "wire.csv").write_text(
        "headline,body,published,link,section\n"
        "First story,First body text here.,2022-01-11T10:00:00Z,http://a.example/1,World\n"
        "Second story,\"Second body, with\u00a0comma.\",\"Jan. 12, 2022\",http://a.example/2,\n"
        "No body,,2022-01-13,http://a.example/3,World\n"
        "Bad date,Body with a bad date.,someday soon,http://a.example/4,World\n",
        encoding="utf-8",
    )
    (d / "feed.jsonl").write_text(
        json.dumps({"title": "J1", "content": "Jsonl body one.", "pub_date": 1641859200, "source": "Feed Daily"}) + "\n"
        + "{not json\n\n"
        + json.dumps(["a", "list"]) + "\n"
        + json.dumps({"title": "J2", "content": "Jsonl body two.", "pub_date": "2022-01-12"}) + "\n",
        encoding="utf-8",
    )
    (d / "LICENSE").write_text("Creative Commons Legal Code\n", encoding="utf-8")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (d / "blank.txt").write_text("  \n\n", encoding="utf-8")
    (d / "nocol.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"abc\x00\x01\x02def")
    return d


def test_mixed_folder_every_input_accounted_for(mixed: Path) -> None:
    df = load_corpus(mixed, progress=False)
    balanced(df)
    # loaded: seed, brief, 3 csv rows, 2 jsonl objects
    assert len(df) == 7
    assert df.attrs["given"] == 7 + 8
    assert skipped_reasons(df) == {
        "LICENSE": "not an article: LICENSE is a repository/licence file",
        "binary.txt": "binary file (NUL bytes), not text",
        "blank.txt": "empty file",
        "feed.jsonl#2": "malformed JSON line (Expecting property name enclosed in double quotes at column 2)",
        "feed.jsonl#4": "JSON line is a list, not an object",
        "image.png": "unsupported file type '.png'",
        "nocol.csv": "no text column (columns: a, b); name it with columns={'...': 'text'}",
        "wire.csv#3": "empty text",
    }
    warnings = df.attrs["warnings"]
    assert list(warnings.reason) == ["unparseable date: 'someday soon' (no year)"]
    assert warnings.record.iloc[0] == 4 and Path(warnings.source_path.iloc[0]).name == "wire.csv"
    files = df.attrs["files"].set_index(df.attrs["files"].source_path.map(lambda p: Path(p).name))
    assert files.loc["wire.csv", "given"] == 4 and files.loc["wire.csv", "loaded"] == 3
    assert files.loc["wire.csv", "encoding"] == "utf-8" and files.loc["wire.csv", "format"] == "csv"


def test_mixed_folder_rows(mixed: Path) -> None:
    df = load_corpus(mixed, progress=False).set_index("title")
    seed = df.loc["US, Russia, dig heels in regarding future Ukraine talks"]
    assert seed.wire == "AP" and seed.dateline == "MOSCOW" and seed.date_source == "text"
    assert seed.date == pd.Timestamp("2022-01-11", tz="UTC")
    assert seed.contributors == ["Aamer Madhani", "Ellen Knickmeyer", "Yuras Karmanau"]
    assert len(seed.captions) == 4 and seed.photo_credits[0] == {"name": "Denis Balibouse", "agency": "Pool via AP"}
    assert seed.outlet == "corpus"  # one-article file, no URL: the folder named
    brief = df.loc["Press Briefing by Press Secretary"]  # NBSP and \_ normalised
    assert brief.date == pd.Timestamp("2022-01-06 15:39:23", tz="UTC")  # published_time beats date
    assert brief.date_source == "metadata"
    assert brief.url == "https://www.whitehouse.gov/briefing/1/"
    assert brief.outlet == "whitehouse.gov"
    assert brief.text == "James S. Brady Briefing Room\n\nMS. PSAKI:  Good afternoon.  The [inaudible] meeting went on - as planned."
    assert brief.tags == "press-briefings"
    first = df.loc["First story"]
    assert first.text == "First body text here." and first.url == "http://a.example/1"
    assert first.outlet == "wire" and first.section == "World"
    assert first.date == pd.Timestamp("2022-01-11 10:00", tz="UTC") and first.n_words == 4
    second = df.loc["Second story"]
    assert second.text == "Second body, with comma." and second.date == pd.Timestamp("2022-01-12", tz="UTC")
    assert pd.isna(second.section)  # other columns kept, empty fields as missing
    bad = df.loc["Bad date"]
    assert pd.isna(bad.date) and bad.date_source is None and bad.text == "Body with a bad date."
    j1 = df.loc["J1"]
    assert j1.outlet == "Feed Daily" and j1.date == pd.Timestamp("2022-01-11", tz="UTC")
    assert df.loc["J2"].outlet == "feed"  # no outlet in the data: the file stem


def test_strict_raises_naming_file_and_record(mixed: Path) -> None:
    with pytest.raises(CorpusError, match=r"feed\.jsonl, record 2: malformed JSON line"):
        load_corpus(mixed / "feed.jsonl", strict=True)
    with pytest.raises(CorpusError, match=r"wire\.csv, record 3: empty text"):
        load_corpus(mixed / "wire.csv", strict=True)
    with pytest.raises(CorpusError, match=r"LICENSE: not an article"):
        load_corpus(mixed, strict=True)
    ok = load_corpus(mixed / SEED_NAME, strict=True)
    assert len(ok) == 1


def test_strict_raises_on_unreadable_date_and_format_override(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text("text,date\nBody,not a date\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"d\.csv, record 1: unparseable date: 'not a date'"):
        load_corpus(p, strict=True)
    notes = tmp_path / "notes.data"
    notes.write_text("title,text\nT,Body as CSV\n", encoding="utf-8")
    assert skipped_reasons(load_corpus(notes)) == {"notes.data": "unsupported file type '.data'"}
    assert load_corpus(notes, format="csv").text.tolist() == ["Body as CSV"]
    assert load_corpus(notes, format="txt").text.tolist() == ["T,Body as CSV"]  # "title,text" reads as a tag line
    with pytest.raises(ValueError, match="format='docx'"):
        load_corpus(notes, format="docx")


def test_doc_ids_stable_across_runs_and_working_folders(mixed: Path, tmp_path: Path, monkeypatch) -> None:
    a = load_corpus(mixed, progress=False)
    monkeypatch.chdir(tmp_path)
    b = load_corpus(os.path.relpath(mixed, tmp_path), progress=False)
    moved = tmp_path / "elsewhere"
    shutil.copytree(mixed, moved)
    c = load_corpus(moved, progress=False)
    assert list(a.doc_id) == list(b.doc_id) == list(c.doc_id)
    assert a.doc_id.str.fullmatch(r"[0-9a-f]{16}").all()


def test_duplicate_ids_do_not_collide_silently(mixed: Path) -> None:
    df = load_corpus([mixed / "wire.csv", mixed / "wire.csv"], progress=False)
    balanced(df)
    assert len(df) == 6
    assert df.doc_id.is_unique
    w = df.attrs["warnings"]
    renamed = w[w.reason.str.startswith("duplicate doc_id")]
    assert len(renamed) == 3 and renamed.doc_id.str.endswith("-2").all()


def test_input_doc_id_column_used_and_deduplicated(tmp_path: Path) -> None:
    p = tmp_path / "ids.csv"
    p.write_text("doc_id,text\nA,one\nB,two\nA,three\n", encoding="utf-8")
    df = load_corpus(p)
    assert list(df.doc_id) == ["A", "B", "A-2"]
    assert "duplicate doc_id 'A'" in df.attrs["warnings"].reason.iloc[0]


def test_gz_of_every_format(mixed: Path, tmp_path: Path) -> None:
    plain = load_corpus(mixed, progress=False)
    gzd = tmp_path / "gz"
    gzd.mkdir()
    for f in mixed.rglob("*"):
        if f.is_file():
            (gzd / (f.name + ".gz")).write_bytes(gzip.compress(f.read_bytes()))
    z = load_corpus(gzd, progress=False)
    balanced(z)
    assert len(z) == len(plain) == 7
    assert sorted(z.title.dropna()) == sorted(plain.title.dropna())
    assert sorted(z.text) == sorted(plain.text)
    assert z.attrs["given"] == plain.attrs["given"]
    assert "LICENSE.gz" in skipped_reasons(z)
    (gzd / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert skipped_reasons(load_corpus(gzd / "broken.txt.gz"))["broken.txt.gz"].startswith("corrupt gzip file")


def test_json_array_object_and_container(tmp_path: Path) -> None:
    (tmp_path / "arr.json").write_text(json.dumps([{"headline": "A", "article": "Text A"}, 5, {"headline": "B", "article": "Text B"}]))
    (tmp_path / "one.json").write_text(json.dumps({"title": "Only", "text": "Only text", "date": "2022-02-01"}))
    (tmp_path / "box.json").write_text(json.dumps({"status": "ok", "articles": [{"title": "X", "body_text": "Boxed"}]}))
    (tmp_path / "lines.json").write_text('{"title": "L1", "text": "Line one"}\n{"title": "L2", "text": "Line two"}\n')
    df = load_corpus(tmp_path)
    balanced(df)
    assert sorted(df.title) == ["A", "B", "L1", "L2", "Only", "X"]
    assert skipped_reasons(df) == {"arr.json#2": "JSON item is a int, not an object"}
    assert df.set_index("title").loc["Only", "date"] == pd.Timestamp("2022-02-01", tz="UTC")


def test_tsv_glob_list_and_recursive(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "x.tsv").write_text("title\ttext\nT1\tBody one\n", encoding="utf-8")
    (tmp_path / "a" / "deep" / "y.tsv").write_text("title\ttext\nT2\tBody two\n", encoding="utf-8")
    assert sorted(load_corpus(tmp_path / "a").title) == ["T1", "T2"]
    assert list(load_corpus(tmp_path / "a", recursive=False).title) == ["T1"]
    assert sorted(load_corpus(str(tmp_path / "a" / "**" / "*.tsv")).title) == ["T1", "T2"]
    assert list(load_corpus(str(tmp_path / "a" / "*.tsv")).title) == ["T1"]
    both = load_corpus([tmp_path / "a" / "x.tsv", tmp_path / "a" / "deep" / "y.tsv"])
    assert list(both.title) == ["T1", "T2"]
    missing = load_corpus([tmp_path / "nope.csv", str(tmp_path / "*.nothing")])
    balanced(missing)
    assert len(missing) == 0 and sorted(missing.attrs["skipped"].reason) == ["file not found", "no file matches this pattern"]


def test_column_overrides_outlet_and_extra_columns(tmp_path: Path) -> None:
    p = tmp_path / "export.csv"
    p.write_text("story,when,who,Body\nHello world text,2022-03-01,Ann Lee,ignored\n", encoding="utf-8")
    df = load_corpus(p, columns={"story": "text", "who": "byline", "when": "date"}, outlet="The Daily")
    row = df.iloc[0]
    assert row.text == "Hello world text" and row.byline == "Ann Lee" and row.outlet == "The Daily"
    assert row.date == pd.Timestamp("2022-03-01", tz="UTC")
    assert row.Body == "ignored"  # 'Body' would have been the text; the override wins
    with pytest.raises(ValueError, match="not a corpus column"):
        load_corpus(p, columns={"story": "body_text"})


def test_encodings(tmp_path: Path) -> None:
    text = "Café “quoted” – naïve"
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode() + ("Headline one here\n\n" + text).encode("utf-8"))
    (tmp_path / "win.txt").write_bytes(("Headline two here\n\n" + text).encode("cp1252"))
    (tmp_path / "lat.txt").write_bytes("Headline three here\n\nCafé \x81 body".encode("latin-1"))
    df = load_corpus(tmp_path)
    balanced(df)
    by = {Path(p).name: t for p, t in zip(df.source_path, df.text, strict=True)}
    assert by["bom.txt"] == text and by["win.txt"] == text
    assert by["lat.txt"] == "Café \x81 body"
    enc = dict(zip(df.attrs["files"].source_path.map(lambda p: Path(p).name), df.attrs["files"].encoding, strict=True))
    assert enc == {"bom.txt": "utf-8-sig", "win.txt": "cp1252", "lat.txt": "latin-1"}


def test_markdown_without_front_matter_and_bad_front_matter(tmp_path: Path) -> None:
    (tmp_path / "h.md").write_text("# A Heading Title\n\nSome *body* text.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody of bad.\n", encoding="utf-8")
    (tmp_path / "2021-05-04-dated-by-path.md").write_text("Body dated by its path.\n", encoding="utf-8")
    df = load_corpus(tmp_path)
    balanced(df)
    rows = {Path(p).name: r for p, r in zip(df.source_path, df.itertuples(), strict=True)}
    assert rows["h.md"].title == "A Heading Title" and rows["h.md"].text == "Some body text."
    assert rows["bad.md"].text == "Body of bad."
    assert df.attrs["warnings"].reason.iloc[0].startswith("unreadable front matter")
    assert rows["2021-05-04-dated-by-path.md"].date == pd.Timestamp("2021-05-04", tz="UTC")
    assert rows["2021-05-04-dated-by-path.md"].date_source == "path"


def test_txt_front_matter_metadata(tmp_path: Path, seed_text: str) -> None:
    (tmp_path / "s.txt").write_text("---\ndate: 2022-01-12T09:00:00Z\nurl: https://news.example.com/a\n---\n" + seed_text, encoding="utf-8")
    row = load_corpus(tmp_path / "s.txt").iloc[0]
    assert row.date == pd.Timestamp("2022-01-12 09:00", tz="UTC") and row.date_source == "metadata"
    assert row.url == "https://news.example.com/a" and row.outlet == "news.example.com"
    assert row.title == "US, Russia, dig heels in regarding future Ukraine talks"


def test_html_page(tmp_path: Path) -> None:
    para = "The council voted on Tuesday to approve the new budget for schools and transit. " * 4
    para2 = "The mayor is expected to sign it this week, her office said in a statement on Tuesday. " * 4
    page = (
        "<html><head><title>Budget passes | City Times</title>"
        "<meta property='og:site_name' content='City Times'>"
        "<meta property='article:published_time' content='2022-02-01T08:00:00Z'>"
        "<meta name='author' content='Jane Roe'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Budget passes</h1><p>{para}</p><p>{para2}</p></article>"
        "<footer>Copyright City Times</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "page2.htm.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    df = load_corpus(tmp_path)
    balanced(df)
    assert len(df) == 2
    row = df.iloc[0]
    assert row.title == "Budget passes" and row.outlet == "City Times" and row.byline == "Jane Roe"
    assert row.date == pd.Timestamp("2022-02-01", tz="UTC") and row.date_source == "metadata"
    assert row.text.count("The council voted on Tuesday") == 4 and row.text.count("The mayor is expected") == 4
    assert row.text.startswith("The council voted")  # the headline is the title, not the body
    assert "Home" not in row.text and "Copyright" not in row.text


def test_file_level_skip_counts_the_file_once(tmp_path: Path) -> None:
    (tmp_path / "nocol.csv").write_text("id,title\n1,A\n2,B\n3,C\n", encoding="utf-8")
    (tmp_path / "nocol.jsonl").write_text('{"a": 1}\n{bad\n{"a": 2}\n', encoding="utf-8")
    df = load_corpus(tmp_path)
    balanced(df)
    assert df.attrs["given"] == 2 and len(df) == 0
    assert all(r.startswith("no text column") for r in df.attrs["skipped"].reason)


def test_html_deeply_nested_and_textless(tmp_path: Path) -> None:
    depth = 3000
    (tmp_path / "deep.html").write_text(
        "<html><head><title>Deep</title></head><body>" + "<div>" * depth
        + "<p>Deep inside the page the minister said the talks went well.</p>" + "</div>" * depth + "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "shell.html").write_text("<html><head><title>Shell</title><script>x=1</script></head><body></body></html>", encoding="utf-8")
    df = load_corpus(tmp_path)
    balanced(df)
    assert df.text.tolist() == ["Deep inside the page the minister said the talks went well."]
    assert "nested 3003 levels deep" in df.attrs["warnings"].reason.iloc[0]
    assert skipped_reasons(df) == {"shell.html": "no main text found in the HTML page"}


def test_progress_silent_when_off_or_not_interactive(mixed: Path, capsys) -> None:
    load_corpus(mixed, progress=False)
    load_corpus(mixed)  # pytest's stderr is not a terminal
    assert capsys.readouterr().err == ""
    load_corpus(mixed, progress=True)
    assert "load_corpus" in capsys.readouterr().err


def test_save_and_load_back_identically(mixed: Path, tmp_path: Path) -> None:
    df = load_corpus(mixed, progress=False)
    for partition_by in (None, "outlet"):
        out = save_corpus(df, tmp_path / f"saved-{partition_by}", partition_by=partition_by)
        back = load_corpus(out)
        pd.testing.assert_frame_equal(back, df)
        assert back.attrs["given"] == len(df) and len(back.attrs["skipped"]) == 0
        assert back.doc_id.tolist() == df.doc_id.tolist()
        assert isinstance(back.photo_credits.iloc[0], list)
    # a saved corpus inside a folder being walked is read as one table
    again = load_corpus(tmp_path / "saved-outlet")
    assert len(again) == len(df)
    with pytest.raises(FileExistsError):
        save_corpus(df, mixed)


def test_wire_and_dateline_from_text_of_tables(tmp_path: Path) -> None:
    p = tmp_path / "wires.jsonl"
    p.write_text(
        json.dumps({"text": "MOSCOW (AP) — Moscow and Washington took stands."}) + "\n"
        + json.dumps({"text": "No dateline here - just text."}) + "\n"
        + json.dumps({"text": "LONDON (Reuters) - Shares fell.", "wire": "Own desk"}) + "\n",
        encoding="utf-8",
    )
    df = load_corpus(p)
    assert df.dateline.tolist()[:2] == ["MOSCOW", None] and df.wire.tolist()[:2] == ["AP", None]
    assert df.text.iloc[0].startswith("MOSCOW (AP) —")  # text of tables is not cut
    assert df.wire.iloc[2] == "Own desk"  # a wire given in the data wins


def test_plain_parquet_file(tmp_path: Path) -> None:
    pd.DataFrame({"headline": ["P1", "P2"], "body": ["Parquet one", ""], "n": [1, 2]}).to_parquet(tmp_path / "t.parquet")
    df = load_corpus(tmp_path / "t.parquet")
    balanced(df)
    assert list(df.title) == ["P1"] and df.n.tolist() == [1] and df.outlet.tolist() == ["t"]
    assert skipped_reasons(df) == {"t.parquet#2": "empty text"}


def test_corpora_concatenate(mixed: Path) -> None:
    a = load_corpus(mixed / "wire.csv")
    b = load_corpus(mixed / "feed.jsonl")
    both = pd.concat([a, b], ignore_index=True)
    assert len(both) == 5
    assert len(pd.concat([a, a])) == 6 and pd.concat([a, a]).attrs["given"] == 4


def test_empty_source_gives_empty_table_with_columns(tmp_path: Path) -> None:
    df = load_corpus(tmp_path)
    assert list(df.columns) == ALL_COLUMNS and len(df) == 0 and df.attrs["given"] == 0


def test_public_api() -> None:
    assert mediakit.load_corpus is load_corpus and mediakit.save_corpus is save_corpus


# --- real data (../shared/data) ------------------------------------------------------


@pytest.mark.shared
def test_whitehouse_folder(shared_data: Path) -> None:
    df = load_corpus(shared_data / "corpora" / "whitehouse", progress=False)
    balanced(df)
    assert len(df) == 452 and df.attrs["given"] == 453
    sk = df.attrs["skipped"]
    assert len(sk) == 1 and Path(sk.source_path.iloc[0]).name == "LICENSE"
    assert sk.reason.iloc[0] == "not an article: LICENSE is a repository/licence file"
    assert df.title.notna().all() and (df.title.str.len() > 5).all()
    assert df.date.notna().all() and (df.date_source == "metadata").all()
    assert df.date.min() >= pd.Timestamp("2021-10-01", tz="UTC") and df.date.max() < pd.Timestamp("2022-05-01", tz="UTC")
    for col in ("title", "text"):
        assert not df[col].str.contains("\u00a0").any()
        assert not df[col].str.contains(r"\\[\[\]\-*_#.()]", regex=True).any()
    assert df.text.str.contains("[senior administration official]", regex=False).any()  # escapes undone
    assert len(df.attrs["warnings"]) == 0
    assert df.n_words.sum() > 1_000_000
    assert df.doc_id.is_unique


@pytest.mark.shared
def test_kremlin_ukraine_csvs(shared_data: Path) -> None:
    df = load_corpus(str(shared_data / "corpora" / "kremlin_ukraine" / "*.csv"), progress=False)
    balanced(df)
    assert len(df) == 1796 and df.attrs["given"] == 1796 and len(df.attrs["skipped"]) == 0
    assert df.outlet.value_counts().to_dict() == {"zelenskyy": 980, "putin": 816}
    assert df.date.notna().all() and (df.date_source == "metadata").all()
    assert df.date.min() >= pd.Timestamp("2021-10-01", tz="UTC")
    assert df.url.str.startswith("http").all()
    # empty fields tolerated: location/summary only in putin.csv, blank in many rows
    putin = df[df.outlet == "putin"]
    assert putin.location.isna().sum() == 523 and putin.summary.isna().sum() == 80
    assert df[df.outlet == "zelenskyy"].title.isna().sum() == 1
    assert {"location", "summary"} <= set(df.columns)


# --- engine="dask" -------------------------------------------------------------------


@pytest.fixture()
def small_corpus(tmp_path: Path, seed_text: str) -> Path:
    d = tmp_path / "small"
    d.mkdir()
    for i in range(5):
        (d / f"{i:03d}.txt").write_text(seed_text.replace("Moscow and Washington", f"Story {i}: Moscow and Washington"), encoding="utf-8")
    for name in ("a", "b"):
        (d / f"{name}.csv").write_text(
            "title,text,date,extra\n"
            + "".join(f"{name} {k},Body {name} {k} text.,2022-01-{k + 1:02d},x{k}\n" for k in range(4)),
            encoding="utf-8",
        )
    return d


def test_dask_engine_matches_pandas(small_corpus: Path, tmp_path: Path) -> None:
    dd = pytest.importorskip("dask.dataframe")
    from mediakit._dask import load_corpus_dask

    pdf = load_corpus(small_corpus)
    ddf = load_corpus_dask(small_corpus, files_per_partition=2)
    assert isinstance(ddf, dd.DataFrame)
    assert ddf.npartitions == 2 + 3  # one per CSV, five text files two at a time
    assert list(ddf.columns) == list(pdf.columns)
    got = ddf.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, pdf)
    via_api = load_corpus(small_corpus, engine="dask")
    pd.testing.assert_frame_equal(via_api.compute().reset_index(drop=True), pdf)
    # a saved corpus is read with dd.read_parquet
    saved = save_corpus(pdf, tmp_path / "saved", partition_by="outlet")
    back = load_corpus(saved, engine="dask")
    assert list(back.columns) == list(pdf.columns)
    back = back.compute().sort_values("doc_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(back, pdf.sort_values("doc_id").reset_index(drop=True))
    with pytest.raises(ValueError, match="engine"):
        load_corpus(small_corpus, engine="spark")
