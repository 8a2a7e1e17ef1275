"""Structured logging with structlog, shared by every process (stdlib loggers included)."""

from __future__ import annotations

import logging
import sys

import structlog


class _Formatter(structlog.stdlib.ProcessorFormatter):
    """Also formats structlog records that another process already rendered to text.

    LiveKit job processes forward their log records to the worker process as plain strings but
    keep structlog's `_logger` marker, which would make ProcessorFormatter treat them as event dicts.
    """

    def format(self, record: logging.LogRecord) -> str:
        if hasattr(record, "_logger") and not isinstance(record.msg, dict):
            record = logging.makeLogRecord({k: v for k, v in record.__dict__.items() if k not in ("_logger", "_name")})
        return super().format(record)


def configure_logging(level: str = "INFO", json: bool = False) -> None:
    """Route structlog and stdlib logging through one renderer (JSON lines in production)."""
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        _Formatter(
            foreign_pre_chain=shared,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    """A structured logger; bind call_id/operator_id onto it for per-call context."""
    return structlog.get_logger(name)
