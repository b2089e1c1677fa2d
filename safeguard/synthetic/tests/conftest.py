import pytest

from safeguard.synthetic.registry import STAGES


@pytest.fixture
def extra_stage():
    """Register a stage for one test, and take it away afterwards."""
    added = []

    def register(stage):
        STAGES[stage.name] = stage
        added.append(stage.name)

    yield register
    for name in added:
        STAGES.pop(name, None)
