"""The contract between the generator and the domain apps that extend it.

Each domain app adds its records to a synthetic authority by registering a stage in its own
`synthetic.py` module (imported by the generator). Stages run in `order`; each gets its own
random stream derived from the seed and the stage name, so adding a stage never changes what
the others generate.

The stage receives a `safeguard.synthetic.context.GenerationContext` (its module docstring
lists what it offers); the generator core's own stages are "staff" (order 0) and "people"
(order 10). How to write one: docs/how-to/extend-the-generator.md.
"""

from collections.abc import Callable
from dataclasses import dataclass

StageFunc = Callable[["object"], None]  # receives the GenerationContext


@dataclass(frozen=True)
class Stage:
    name: str
    order: int
    func: StageFunc


STAGES: dict[str, Stage] = {}


def generator_stage(*, name: str, order: int) -> Callable[[StageFunc], StageFunc]:
    """Register func(ctx) as a generator stage that runs at the given order."""

    def register(func: StageFunc) -> StageFunc:
        STAGES[name] = Stage(name=name, order=order, func=func)
        return func

    return register
