#!/usr/bin/env bash
# make lint: ruff (lint + format check) and pylint with pylint-odoo.
source "$(dirname "$0")/common.sh"
ensure_venv
cd "$ROOT"
"$VENV/bin/ruff" check addons tests scripts
"$VENV/bin/ruff" format --check addons tests scripts
"$VENV/bin/pylint" --rcfile=.pylintrc addons/* tests/*.py
echo "lint: clean"
