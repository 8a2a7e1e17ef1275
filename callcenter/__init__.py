"""Shared domain layer: settings, models, persistence, auth."""
