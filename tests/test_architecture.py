"""The stage contract of docs/architecture.md: a module imports only modules of its own
or a lower stage (function-level imports included)."""
from __future__ import annotations

import ast
from pathlib import Path

import mediakit

PACKAGE = Path(mediakit.__file__).parent

STAGES: dict[str, int] = {}
for level, modules in enumerate([
    ["_text", "_periods", "lexicons", "_dates", "_progress", "cache"],  # base
    ["corpus", "_dask", "_html"],  # load
    ["clean"],  # clean
    ["quotes", "sources", "_names", "_aliases", "_turns", "_offices", "_quote_cues", "_quote_marks",
     "_quote_rules"],  # extract
    ["density", "terms", "duplicates", "summaries"],  # aggregate
    ["plot", "display"],  # present
    ["report", "cli", "evaluate", "bench"],  # run
    ["__init__"],  # the package's lazy front door
]):
    STAGES.update(dict.fromkeys(modules, level))

# documented exception: the loader cleans .txt inputs with clean_article
ALLOWED = {("corpus", "clean")}


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "mediakit":
            parts = node.module.split(".")
            # ("from mediakit import load_corpus": the module that defines it)
            out |= {parts[1]} if len(parts) > 1 else {mediakit._API.get(a.name, a.name) for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("mediakit.")}
    return out


def test_every_module_has_a_stage() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert modules == set(STAGES), (modules - set(STAGES), set(STAGES) - modules)


def test_no_module_imports_a_higher_stage() -> None:
    wrong = []
    for path in PACKAGE.glob("*.py"):
        mod = path.stem
        for dep in _imports(path) - {"__version__"}:
            dep_stage = STAGES.get(dep, STAGES["__init__"])
            if dep_stage > STAGES[mod] and (mod, dep) not in ALLOWED:
                wrong.append((mod, dep))
    assert wrong == []
    # the check can fail: the package's front door is above every stage
    assert STAGES["__init__"] > max(v for k, v in STAGES.items() if k != "__init__")
