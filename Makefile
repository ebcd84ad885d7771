# Two commands do all set-up on a machine with only python3 and make:
#   make report   run every report notebook over data/raw/ into data/processed/
#   make test     run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
KERNEL := mediakit

.PHONY: setup browser report test lab bench evaluate lint clean-cache clean

setup: $(STAMP)

# Set-up: the venv, mediakit with its dev and dask extras (uv, from PyPI), byte-
# compiled once (where PYTHONDONTWRITEBYTECODE is set nothing else would, and every
# report kernel and dask worker would re-parse nltk, scipy and pandas), and the
# project's Jupyter kernel registered inside the venv.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/python -m uv pip install --quiet --python $(BIN)/python -e '.[dev,dask]'
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib >/dev/null 2>&1 || true
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (mediakit)" >/dev/null
	touch $(STAMP)

report: setup
	$(BIN)/mediakit report --all --corpus data/raw --out data/processed

# The inert-HTML tests render exported reports in headless Chromium (Debian's
# package). Installed here when missing and we may use apt; otherwise those
# tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the inert-HTML tests"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	      || echo "warning: installing chromium failed: the inert-HTML browser tests will skip"; \
	  else echo "note: chromium not installed and apt-get not usable: the inert-HTML browser tests will skip"; fi; }

test: setup browser
	$(BIN)/python -m pytest -q

lab: setup
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

evaluate: setup
	$(BIN)/python -m mediakit.evaluate quotes ../shared/data/quotes/polnear_dev.jsonl

bench: setup
	$(BIN)/python -m mediakit.bench

lint: setup
	$(BIN)/ruff check src tests

clean-cache: setup
	$(BIN)/mediakit cache clear

clean:
	rm -rf $(VENV) build src/*.egg-info
