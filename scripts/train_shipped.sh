#!/usr/bin/env bash
# Retrain the model shipped in the package from the training corpus (data/training), with the fixed
# regularisation chosen for transfer to real decks (deckaudit/classify/train.py: SHIPPED_C, SHIPPED_PRIOR).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m deckaudit train data/training --c 0.1 --prior 60 --name deckaudit-linear -o deckaudit/classify/data/model.json
