"""Create locally what the production stack creates in AWS, then seed reference data."""

from __future__ import annotations

from chalicelib.store.reference import seed_reference_data
from chalicelib.store.tables import create_tables


def provision() -> None:
    create_tables()
    seed_reference_data()
