"""Creating the tables from the models: for the dev runner and the tests (CDK does it in AWS)."""

from __future__ import annotations

from chalicelib.store.models import ALL_MODELS


def create_tables() -> None:
    for model in ALL_MODELS:
        if not model.exists():
            model.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
