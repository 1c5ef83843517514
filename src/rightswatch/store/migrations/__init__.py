"""Alembic migrations for the store, shipped as package data and run at ``Store.open``."""
