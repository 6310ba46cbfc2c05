"""Reporters: one function a format, each turning diagnostics into the text printed on stdout."""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github")
