# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
STAMP := .install.stamp

.PHONY: install run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Process the sample decks in raw/ into processed/.
run: $(STAMP)
	$(PYTHON) -m pipeline run raw --out processed

## Run the test suite.
test: $(STAMP)
	$(PYTHON) -m pytest -q

bench: $(STAMP)
	$(PYTHON) -m pip install --quiet -e '.[bench]'
	$(PYTHON) benchmarks/run_all.py

clean:
	rm -rf $(STAMP) .pytest_cache build *.egg-info
