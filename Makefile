# Every target creates the virtual environment and installs igskit first, when needed.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.igskit-installed

.PHONY: demo test bench lint lab planner browser libreoffice clean-outputs

demo: $(STAMP)  ## Install if needed, then run the demo region (outputs/voorbeeldregio/)
	$(BIN)/igskit run params/voorbeeldregio.yml

test: $(STAMP) browser libreoffice  ## Install if needed, then run the whole test suite (incl. notebooks under nbval)
	$(BIN)/pytest

bench: $(STAMP)  ## Measure speed side by side and write bench/RESULTS.md
	$(BIN)/python bench/bench.py --write bench/RESULTS.md

lint: $(STAMP)  ## ruff over the package, tests and bench
	$(BIN)/ruff check igskit tests bench

planner: $(STAMP)  ## Open the planner (Voilà) in the browser: edit the whole plan without code
	$(BIN)/igskit planner

lab: $(STAMP)  ## Open JupyterLab on the step notebooks
	$(BIN)/jupyter lab --ContentsManager.pre_save_hook=igskit.editing.lab.strip_outputs notebooks/

browser:  ## Install Debian's chromium for the browser test (only as root; otherwise that test is skipped)
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "chromium installeren voor de browsertest ..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

libreoffice:  ## Install Debian's LibreOffice Calc and Writer for the workbook and DOCX tests (only as root; otherwise skipped)
	@if ! command -v soffice >/dev/null 2>&1 && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "libreoffice-calc en -writer installeren voor de tests van begroting.xlsx en nota.docx ..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			libreoffice-calc libreoffice-writer >/dev/null; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

clean-outputs:  ## Remove every generated region folder under outputs/
	find outputs -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +
