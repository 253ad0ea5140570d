"""Fixtures for the UI tests: deterministic, hand-built briefings (see ui_briefings.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ui_briefings import markup_briefing, sample_briefing  # noqa: E402

from brief.models import Briefing  # noqa: E402


@pytest.fixture
def briefing() -> Briefing:
    return sample_briefing()


@pytest.fixture
def tricky_briefing() -> Briefing:
    return markup_briefing()
