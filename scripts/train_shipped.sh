#!/usr/bin/env bash
# Retrain the model shipped in the package, with the fixed regularisation chosen for transfer to real decks
# (deckaudit/classify/train.py: SHIPPED_C, SHIPPED_PRIOR).
# It is trained on part c of the corpus (data/training/c_*.jsonl, 1,500 slides). Part a (855 slides) was
# written later by another writer; adding it lowered macro-F1 on the real-deck dev set from 0.744 to 0.687
# (about-customer recall 0.54 -> 0.32), so it is kept for teams and further study but not shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m deckaudit train data/training/c_*.jsonl --c 0.1 --prior 60 --name deckaudit-linear \
  -o deckaudit/classify/data/model.json
