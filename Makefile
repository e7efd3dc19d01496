# Two commands do everything on a fresh machine: `make book` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
JB     := $(VENV)/bin/jupyter-book
PORT   ?= 8000

.PHONY: book test lint serve clean bench student classpack venv deps devdeps assets help

help:
	@echo "make book     build the HTML book into _build/html (sets everything up first)"
	@echo "make test     lint, build the book, then run every test, browser tests included"
	@echo "make serve    serve _build/html on http://127.0.0.1:$(PORT)/"
	@echo "make student  write the student edition of the notebooks to _build/student/"
	@echo "make classpack  write the class pack (student notebooks, helpers+data wheel, requirements) to _build/classpack/ and _build/sco-classpack.zip"
	@echo "make bench    measure build times, execution times and page sizes"
	@echo "make clean    remove build output"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install only when a requirements file changed.
# JupyterLab opens the chapters (MyST Markdown notebooks) as notebooks on a double click.
LAB_OVERRIDES = $(VENV)/share/jupyter/lab/settings/overrides.json
$(VENV)/.deps: requirements.txt constraints.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@mkdir -p $(dir $(LAB_OVERRIDES))
	@echo '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}' > $(LAB_OVERRIDES)
	touch $@

$(VENV)/.devdeps: requirements-dev.txt constraints.txt $(VENV)/.deps
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

venv: $(PY)
deps: $(VENV)/.deps
devdeps: $(VENV)/.devdeps
assets: node_modules/.package-lock.json

# jupyter-cache re-executes a notebook only when its code changes; the outputs also depend
# on the helpers, the tools (the instructors' guide) and the data, so a change there clears the cache.
INPUTS_KEY = $(shell find helpers tools data -type f \( -name '*.py' -o -name '*.csv' -o -name '*.yaml' -o -name '*.json' -o -name '*.geojson' \) | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-16)

# The class pack (tools/classpack.py): rebuilt when a chapter, helper, data file or pin changes.
# The book links to its zip, so `make book` builds it first (about 10 s).
CLASSPACK_ZIP = _build/sco-classpack.zip
CLASSPACK_INPUTS = $(shell find chapters helpers data -type f -not -path '*/__pycache__/*' -not -path '*/.ipynb_checkpoints/*' -not -name '*.pyc') \
  tools/classpack.py tools/student.py tools/notebooks.py pyproject.toml requirements.txt constraints.txt $(wildcard LICENSE LICENSE-text-data CITATION.cff)

$(CLASSPACK_ZIP): $(CLASSPACK_INPUTS) | $(VENV)/.deps node_modules/.package-lock.json
	$(PY) -m tools.classpack

classpack: deps assets
	$(PY) -m tools.classpack

book: deps assets $(CLASSPACK_ZIP)
	$(PY) -m tools.bib --check
	@mkdir -p _build
	@if [ "$$(cat _build/.inputs-key 2>/dev/null)" != "$(INPUTS_KEY)" ]; then \
	  echo "helpers or data changed: every notebook will be executed again"; \
	  rm -rf _build/.jupyter_cache _build/.doctrees _build/jupyter_execute; fi
	$(JB) build . --warningiserror --nitpick --keep-going --quiet
	@echo "$(INPUTS_KEY)" > _build/.inputs-key
	@echo
	@echo "The book is built: open _build/html/index.html, or run 'make serve'."

# Lint only, never reformat: the rules are in pyproject.toml ([tool.ruff]). A chapter's
# first cell imports every helper module, used or not, hence F401 is not checked there.
lint: devdeps
	$(VENV)/bin/ruff check helpers tools tests bench data/geo data/passages.py
	$(VENV)/bin/nbqa ruff $(wildcard chapters/[0-9][0-9]_*.md) instructors.md sources.md --ignore F401

test: devdeps lint book
	$(PY) -m pytest

serve:
	@test -f _build/html/index.html || { echo "No book yet: run 'make book' first."; exit 1; }
	@echo "Serving the book at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

student: deps
	$(PY) -m tools.student chapters _build/student

bench: devdeps assets
	$(PY) bench/bench.py

clean:
	rm -rf _build
