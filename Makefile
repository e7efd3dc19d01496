# Two commands do everything on a fresh machine: `make book` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
JB     := $(VENV)/bin/jupyter-book
PORT   ?= 8000

.PHONY: book test unit pins lint serve clean bench student classpack venv deps devdeps assets help lms instructors figures validate

help:
	@echo "make book     build the HTML book into _build/html (sets everything up first)"
	@echo "make test     lint, build the book, then run every test, browser tests included"
	@echo "make unit     the fast tier: lint and the tests that need no book and no browser"
	@echo "make serve    serve _build/html on http://127.0.0.1:$(PORT)/"
	@echo "make student  write the student edition of the notebooks to _build/student/"
	@echo "make classpack  write the class pack (student notebooks, helpers+data wheel, requirements) to _build/classpack/ and _build/sco-classpack.zip"
	@echo "make lms      export the quizzes for Moodle (Moodle XML) and Canvas/Blackboard (QTI 1.2) to _build/lms/"
	@echo "make instructors  build the instructors' edition (every model answer, rubric and key) into _build/instructors/html"
	@echo "make figures  save every map of every chapter as PNG and SVG at slide size, with caption and source, to _build/figures/"
	@echo "make validate check the data (every table, the cross-checks, the quizzes)"
	@echo "make bench    measure build times, execution times, page sizes and Lighthouse scores (mobile)"
	@echo "make pins     write requirements*.txt and constraints.txt from pyproject.toml (needs the package index)"
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

# Lighthouse for `make bench` only (pinned in bench/package.json), apart from the book's assets.
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --ignore-scripts

venv: $(PY)
deps: $(VENV)/.deps
devdeps: $(VENV)/.devdeps
assets: node_modules/.package-lock.json

# jupyter-cache re-executes a notebook only when its code changes; the outputs also depend
# on the helpers, the tools (the instructors' guide) and the data, so a change there clears the cache.
# The files a notebook's outputs depend on besides its own text: a change re-executes every notebook
# (helpers/static/*.js is written into each map's page; helpers/templates/*.html writes the helpers' HTML).
INPUTS_KEY = $(shell find helpers tools data -type f \( -name '*.py' -o -name '*.js' -o -name '*.html' -o -name '*.csv' -o -name '*.yaml' -o -name '*.json' -o -name '*.geojson' \) -not -path '*/__pycache__/*' | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-16)

# The class pack (tools/classpack.py): rebuilt when a chapter, helper, data file or pin changes.
# The book links to its zip, so `make book` builds it first (about 10 s).
CLASSPACK_ZIP = _build/sco-classpack.zip
CLASSPACK_INPUTS = $(shell find chapters helpers data -type f -not -path '*/__pycache__/*' -not -path '*/.ipynb_checkpoints/*' -not -name '*.pyc') \
  tools/classpack.py tools/student.py tools/notebooks.py pyproject.toml requirements.txt constraints.txt $(wildcard LICENSE LICENSE-text-data CITATION.cff)

$(CLASSPACK_ZIP): $(CLASSPACK_INPUTS) | $(VENV)/.deps node_modules/.package-lock.json
	$(PY) -m tools.classpack

classpack: deps assets
	$(PY) -m tools.classpack

# The data are validated first (tools/validate.py): invalid data build no page and no class pack
# (tools/classpack.py validates them too).
validate: deps
	$(PY) -m tools.validate

book: deps assets validate $(CLASSPACK_ZIP)
	$(PY) -m tools.bib --check
	@mkdir -p _build
	@if [ "$$(cat _build/.inputs-key 2>/dev/null)" != "$(INPUTS_KEY)" ]; then \
	  echo "helpers or data changed: every notebook will be executed again"; \
	  rm -rf _build/.jupyter_cache _build/.doctrees _build/jupyter_execute; fi
	$(JB) build . --warningiserror --nitpick --keep-going --quiet
	@echo "$(INPUTS_KEY)" > _build/.inputs-key
	@echo
	@echo "The book is built: open _build/html/index.html, or run 'make serve'."

# Lint only, never reformat: the rules are in pyproject.toml ([tool.ruff], [tool.mypy]). A chapter's
# first cell imports every helper module, used or not and in the order the chapter uses them
# (readers see it), hence F401 and I001 are not checked there. mypy checks helpers/ and tools/.
lint: devdeps
	$(VENV)/bin/ruff check helpers tools tests bench
	$(VENV)/bin/ruff check helpers --extend-select D --extend-ignore D401,D105,D107
	$(VENV)/bin/ruff format --check helpers
	$(VENV)/bin/nbqa ruff $(wildcard chapters/[0-9][0-9]_*.md) instructors.md sources.md --ignore F401,I001
	$(VENV)/bin/mypy

# pytest keeps the test modules it rewrites (and Python the modules it compiles) in __pycache__/
# (ignored by git) even where the environment sets PYTHONDONTWRITEBYTECODE: without them each
# test process compiles and rewrites every module again (2-3 s of each run).
PYTEST := PYTHONDONTWRITEBYTECODE= $(PY) -m pytest

test: devdeps lint book instructors
	$(PYTEST)

# The fast tier: no book, no browser (the npm packages, yes: a map in a live notebook inlines
# Leaflet from node_modules), in two processes: under a minute on a quiet two-core machine
# (CONTRIBUTING.md, "Tests and their tiers"). The tests are pointed at a book that does not exist, so
# one that reads the book without the `book` marker fails here instead of passing on an old build.
unit: devdeps assets lint
	SCO_BUILD_HTML=$(CURDIR)/_build/no-book-in-the-unit-tier $(PYTEST) -m "not book and not browser and not build and not slow" -q -n 2

# pyproject.toml declares every dependency once; this writes the pinned files from it.
pins: | $(PY)
	$(PY) -m tools.pins --freeze

serve:
	@test -f _build/html/index.html || { echo "No book yet: run 'make book' first."; exit 1; }
	@echo "Serving the book at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# The quizzes for learning-management systems (tools/lms.py).
lms: deps
	$(PY) -m tools.lms

# The instructors' edition (tools/editions.py): every cell, the tagged `assessed` ones included,
# with the LMS files; it reuses the public build's executed notebooks (its cache), and is built
# afresh each time (about 20 s): Sphinx would otherwise keep pages read before a chapter changed.
INSTRUCTORS = _build/instructors
instructors: book lms
	rm -rf $(INSTRUCTORS)
	SCO_EDITION=instructors $(JB) build . --path-output $(INSTRUCTORS) --warningiserror --nitpick --keep-going --quiet
	@echo
	@echo "The instructors' edition is built: open $(INSTRUCTORS)/_build/html/instructors.html (keep it private)."

# Slide-ready figures (tools/figures.py): every map of the built book at 1600 x 900, with caption and sources.
figures: devdeps book
	$(PY) -m tools.figures

student: deps
	$(PY) -m tools.student chapters _build/student

bench: devdeps assets bench/node_modules/.package-lock.json
	$(PY) bench/bench.py

clean:
	rm -rf _build
