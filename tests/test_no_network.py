"""No network at run time (issue 8, deliverable 4).

Sockets to anything but loopback are blocked (``connect``, ``connect_ex``,
``create_connection``, name look-ups) while the library runs end to end on
``data/raw``, and, through a ``sitecustomize`` guard the kernel inherits, while the
report notebooks run in their own kernel (which talks to papermill over 127.0.0.1).
Every attempt is recorded, so code that swallows the error is caught too.
"""
from __future__ import annotations

import os
import socket
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"

GUARD = textwrap.dedent('''\
    """Blocks non-loopback network access in this process; records every attempt."""
    import os
    import socket

    _LOG = os.environ.get("MEDIAKIT_NET_GUARD_LOG")
    _LOOPBACK = ("127.", "::1", "localhost", "0:0:0:0:0:0:0:1")


    def _note(line):
        if _LOG:
            with open(_LOG, "a", encoding="utf-8") as f:
                f.write(line + "\\n")


    def _local(address):
        if not isinstance(address, tuple):  # AF_UNIX paths and the like
            return True
        host = str(address[0])
        return host.startswith(_LOOPBACK) or host in ("", "0.0.0.0")


    class NetworkBlocked(OSError):
        pass


    def _block(what, address):
        _note(f"BLOCKED {what} {address!r} pid={os.getpid()}")
        raise NetworkBlocked(f"network access blocked in tests: {what} {address!r}")


    _connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo


    def connect(self, address):
        if not _local(address):
            _block("connect", address)
        return _connect(self, address)


    def connect_ex(self, address):
        if not _local(address):
            _block("connect_ex", address)
        return _connect_ex(self, address)


    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _local((host, 0)):
            _block("getaddrinfo", host)
        return _getaddrinfo(host, *args, **kwargs)


    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
    _note(f"GUARD pid={os.getpid()}")
''')


@pytest.fixture
def guard(tmp_path, monkeypatch):
    """The guard installed here and in every Python child started from here."""
    folder = tmp_path / "netguard"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "net.log"
    log.touch()
    monkeypatch.setenv("MEDIAKIT_NET_GUARD_LOG", str(log))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p))
    namespace: dict = {}
    exec(compile(GUARD, "netguard", "exec"), namespace)
    try:
        yield log
    finally:
        socket.socket.connect = namespace["_connect"]
        socket.socket.connect_ex = namespace["_connect_ex"]
        socket.getaddrinfo = namespace["_getaddrinfo"]


def _blocked(log: Path) -> list[str]:
    return [ln for ln in log.read_text(encoding="utf-8").splitlines() if ln.startswith("BLOCKED")]


def test_guard_blocks_outside_and_allows_loopback(guard):
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("203.0.113.7", 80), timeout=1)
    with pytest.raises(OSError, match="blocked"):
        socket.getaddrinfo("example.org", 443)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=5)
    client.close()
    server.close()
    assert len(_blocked(guard)) == 2


def test_library_end_to_end_offline(guard):
    from mediakit.corpus import load_corpus
    from mediakit.density import quote_density
    from mediakit.quotes import quotes
    from mediakit.sources import sources
    from mediakit.terms import kwic, term_frequency

    df = load_corpus(RAW, progress=False)
    assert len(df) >= 1 and df.attrs["given"] == len(df) + len(df.attrs["skipped"])
    seed = df[df["source_path"].str.contains("000_d77f0df208c26749")].iloc[0]
    assert seed["wire"] == "AP" and seed["n_words"] > 500
    q = quotes(df)
    seed_q = q[q["doc_id"] == seed["doc_id"]]
    assert len(seed_q) >= 10
    assert "Julianne Smith" in set(seed_q["speaker"].dropna())
    src = sources(df, quotes=q)
    assert "Dmitry Peskov" in set(src.loc[src["doc_id"] == seed["doc_id"], "source"])
    tf = term_frequency(df, ["NATO", "sanction*"], freq="W")
    assert tf.loc[tf["term"] == "NATO", "count"].sum() >= 8
    assert len(kwic(df, "Geneva")) >= 3
    dens = quote_density(df, quotes=q)
    assert dens.loc[dens["doc_id"] == seed["doc_id"], "n_quotes"].iloc[0] == len(seed_q)
    assert _blocked(guard) == []


def _run_offline(names: list[str], guard: Path, out: Path) -> None:
    from mediakit.report import run_report

    for name in names:
        run_dir = run_report(name, corpus=str(RAW), output_dir=out, timeout=300)
        assert (run_dir / f"{name}.ipynb").is_file() and (run_dir / f"{name}.html").is_file()
        assert (run_dir / "summary.json").is_file()
    log = guard.read_text(encoding="utf-8")
    kernels = {ln for ln in log.splitlines() if ln.startswith("GUARD")}
    assert len(kernels) >= len(names), f"the guard did not load in the kernels: {log}"
    assert _blocked(guard) == []


def test_report_runs_offline(guard, tmp_path):
    """The teaching report (quotes, sources, rich display), run by run_report in its own
    kernel with the guard loaded there."""
    from mediakit.report import list_reports

    names = set(list_reports()["report"])
    name = "media_literacy" if "media_literacy" in names else sorted(names)[0]
    _run_offline([name], guard, tmp_path / "out")


@pytest.mark.slow
def test_every_report_runs_offline(guard, tmp_path):
    """Every report notebook (about 30 s each on a busy core)."""
    from mediakit.report import list_reports

    names = sorted(set(list_reports()["report"]))
    assert names, "no report notebooks found"
    _run_offline(names, guard, tmp_path / "out")
