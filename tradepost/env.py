"""Small helpers that read settings from environment variables (DESIGN.md §4: configuration)."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_RATE = re.compile(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", re.ASCII)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw and raw.strip() else default


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_rate(text: str) -> tuple[int, int]:
    """A rate "<count>/<period>" as (count, period in seconds): "300/h" → (300, 3600), "5/10m" →
    (5, 600). The period is s, m, h or d, optionally with a multiple; the count is at least 1."""
    match = _RATE.fullmatch(text)
    count, multiple = (int(match[1]), int(match[2] or 1)) if match else (0, 0)
    if count < 1 or multiple < 1:
        raise ValueError(f"not a rate like 300/h or 5/10m: {text!r}")
    return count, multiple * _UNIT_SECONDS[match[3]]


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A rate limit from the environment (see `parse_rate`); a malformed value stops start-up."""
    raw = os.environ.get(name)
    try:
        return parse_rate(raw if raw and raw.strip() else default)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None
