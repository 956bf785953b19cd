# SCE Customer Service: the two commands are `make run` and `make test`.
.PHONY: run test bench bench-data import-appeals lint stop traceability screenshots help
SCALE ?= small

run:  ## set everything up and serve the demo database on http://localhost:8069
	bash scripts/run.sh

test:  ## run every test on a fresh database; ends with "N passed, N failed"
	bash scripts/test.sh

bench:  ## benchmarks with their baseline measured in the same run
	bash scripts/bench.sh

bench-data:  ## fill the benchmark database: make bench-data SCALE=small|medium|large
	SCALE=$(SCALE) bash scripts/bench_data.sh

import-appeals:  ## migrate historical appeals: make import-appeals FILE=history.csv [DB=sce] [CHECK=1]
	bash -c 'source scripts/common.sh; ensure_venv; ensure_pg; CONF="$$LOCAL/odoo-import.conf"; write_conf "$$CONF" ""; \
	PYTHONPATH="$$ODOO" "$$PY" scripts/import_appeals.py "$$CONF" "$(or $(DB),sce)" "$(FILE)" $(if $(CHECK),--check)'

lint:  ## ruff and pylint-odoo over addons/ and tests/
	bash scripts/lint.sh

traceability:  ## regenerate docs/traceability.md (requirement -> code -> tests)
	python3 scripts/traceability.py

screenshots:  ## README screenshots from the server `make run` serves (Chromium)
	bash -c 'source scripts/common.sh; ensure_venv; "$$PY" scripts/screenshots.py'

stop:  ## stop the private PostgreSQL cluster
	bash -c 'source scripts/common.sh; stop_pg'

help:
	@grep -E '^[a-z-]+:.*##' Makefile | sed 's/:.*## /\t/'
