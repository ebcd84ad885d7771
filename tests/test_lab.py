"""`make lab`: JupyterLab on 127.0.0.1 serves the notebooks and the project kernel,
and a notebook's code runs in a kernel started through the server's REST API.

Starts a real server on a free port with a token (as root with --allow-root),
talks to it with the token in an ``Authorization`` header (POSTs without it get
403 for a missing _xsrf), opens a session for the media literacy notebook (as JupyterLab
does), runs its cells on the seed over the kernel websocket, then shuts
everything down.
"""
from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
JUPYTER = Path(sys.executable).with_name("jupyter")
REPORTS = {"term_frequency.ipynb", "quote_density.ipynb", "source_attribution.ipynb",
           "media_literacy.ipynb"}

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, port: int, token: str) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.ws_base = f"ws://127.0.0.1:{port}"
        self.token = token

    def request(self, method: str, path: str, body: dict | None = None, *, auth: bool = True):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if auth:
            req.add_header("Authorization", f"token {self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=30) as resp:
            raw = resp.read()
            kind = resp.headers.get("Content-Type", "")
            return resp.status, (json.loads(raw) if "json" in kind and raw else raw.decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not JUPYTER.exists():
        pytest.skip(f"no jupyter executable next to {sys.executable}")
    port, token = _free_port(), secrets.token_hex(16)
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    cmd = [str(JUPYTER), "lab", "--ip=127.0.0.1", f"--port={port}", "--no-browser",
           f"--notebook-dir={NOTEBOOKS}", f"--IdentityProvider.token={token}",
           "--ServerApp.port_retries=0"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime), "JUPYTER_NO_CONFIG": "1"}
    log = (tmp_path_factory.mktemp("lab-log") / "lab.log").open("w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    server = Lab(port, token)
    deadline = time.monotonic() + 120
    while True:
        try:
            if server.request("GET", "/api/status")[0] == 200:
                break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail(f"JupyterLab did not start: {Path(log.name).read_text()[-2000:]}")
        time.sleep(0.5)
    yield server
    try:
        server.request("POST", "/api/shutdown")
        proc.wait(timeout=30)
    except (urllib.error.URLError, subprocess.TimeoutExpired, ConnectionError):
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    log.close()


def test_lab_serves_the_notebooks_and_the_kernel(lab):
    status, page = lab.request("GET", "/lab")
    assert status == 200 and "JupyterLab" in page
    status, listing = lab.request("GET", "/api/contents")
    names = {item["name"] for item in listing["content"] if item["type"] == "notebook"}
    assert names >= REPORTS
    status, specs = lab.request("GET", "/api/kernelspecs")
    assert "mediakit" in specs["kernelspecs"]
    spec = specs["kernelspecs"]["mediakit"]["spec"]
    assert spec["language"] == "python" and Path(spec["argv"][0]).parent == Path(sys.executable).parent
    with pytest.raises(urllib.error.HTTPError) as info:  # the token is required
        lab.request("GET", "/api/contents", auth=False)
    assert info.value.code == 403


async def _execute(url: str, token: str, cells: list[str], timeout: float = 240) -> list[dict]:
    """Run ``cells`` in order on the kernel websocket; one result dict per cell."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    conn = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"}))
    session = uuid.uuid4().hex
    results = []
    try:
        for code in cells:
            msg_id = uuid.uuid4().hex
            await conn.write_message(json.dumps({
                "header": {"msg_id": msg_id, "username": "test", "session": session,
                           "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
            }))
            result = {"status": None, "outputs": [], "idle": False}
            while result["status"] is None or not result["idle"]:
                raw = await asyncio.wait_for(conn.read_message(), timeout)
                assert raw is not None, "kernel websocket closed"
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                if kind == "execute_reply":
                    result["status"] = msg["content"]["status"]
                    result["error"] = msg["content"].get("evalue")
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    result["idle"] = True
                elif kind in ("stream", "execute_result", "display_data", "error"):
                    result["outputs"].append(msg)
            results.append(result)
            if result["status"] != "ok":
                break
    finally:
        conn.close()
    return results


def test_notebook_code_runs_in_a_kernel_started_over_rest(lab):
    status, model = lab.request("GET", "/api/contents/media_literacy.ipynb")
    assert status == 200
    code = [c["source"] for c in model["content"]["cells"] if c["cell_type"] == "code"]
    tagged = [c for c in model["content"]["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    # run the notebook as served, on the seed alone (the default corpus is ../data/raw)
    code.insert(1, 'corpus = "../data/raw/000_d77f0df208c26749.txt"\narticle = ""')

    # a session, as JupyterLab opens a notebook: the kernel runs in the notebook's folder
    status, session = lab.request("POST", "/api/sessions", {
        "path": "media_literacy.ipynb", "type": "notebook", "name": "media_literacy.ipynb",
        "kernel": {"name": "mediakit"}})
    kernel = session["kernel"]
    assert status == 201 and kernel["name"] == "mediakit"
    try:
        url = f"{lab.ws_base}/api/kernels/{kernel['id']}/channels"
        results = asyncio.run(_execute(url, lab.token, code))
    finally:
        lab.request("DELETE", f"/api/sessions/{session['id']}")
    assert [r["status"] for r in results] == ["ok"] * len(code), results[-1].get("error")
    texts = [json.dumps(m["content"]) for r in results for m in r["outputs"]]
    everything = "\n".join(texts)
    assert "US, Russia, dig heels in regarding future Ukraine talks" in everything
    assert "image/png" in everything  # the figure came back over the websocket
    summary = results[-1]["outputs"][-1]["content"]["data"]["text/plain"]
    assert "'wire': 'AP'" in summary and "'n_captions': 4" in summary
    status, running = lab.request("GET", "/api/kernels")
    assert kernel["id"] not in {k["id"] for k in running}
