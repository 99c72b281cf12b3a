# unkg: `make demo` converts the bundled example report and shows what came out;
# `make test` runs the whole test suite.  Both create .venv and install what they need.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test bench reference clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/unkg convert data/examples/example-report.ru.txt -o out/example.ttl
	$(BIN)/unkg validate out/example.ttl
	$(BIN)/unkg query participants --data out/example.ttl

test: $(STAMP)
	bash scripts/ensure-test-servers.sh
	$(BIN)/python -m pytest tests

bench: $(STAMP)
	$(BIN)/python bench/bench_convert.py

# Rebuild data/countries.csv from ../shared/reference (needs pycountry, in the test extra).
reference: $(STAMP)
	$(BIN)/python scripts/build_reference.py

clean:
	rm -rf out $(VENV) build *.egg-info
