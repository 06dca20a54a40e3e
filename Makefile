# Two commands a newcomer needs:  make demo  (set up, convert the samples)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test score bench samples clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# an editable install of packages mapped from other folders (ingest/ -> actionplans.ingest) makes
	# setuptools print a 9-line note about folders shadowing imports; it is not about this project
	PYTHONWARNINGS=ignore::UserWarning $(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: setup
	$(BIN)/actionplans convert samples -o out/actions.csv

test: setup
	$(BIN)/python -m pytest

# the shared scorer and gold when the project's shared folder is beside the clone; else the
# project's own copies (tools/score_samples.py, samples/expected), which give the same figures
score: setup
	@if [ -f ../shared/tools/score_samples.py ]; then \
	  PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python ../shared/tools/score_samples.py; \
	else \
	  echo "../shared not found: scoring against samples/expected (tools/score_samples.py)"; \
	  PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python tools/score_samples.py; \
	fi

bench: setup
	$(BIN)/python bench/ingest.py

# Rebuild the DOCX/PDF/HTML samples (needs LibreOffice: apt-get install libreoffice-writer-nogui)
samples: setup
	$(BIN)/python samples/build.py

clean:
	rm -rf $(VENV) out build *.egg-info
