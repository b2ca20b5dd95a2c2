"""Hand-written candidate solvers in every accepted form, for BattLanguageTests."""
from dsl import *
from constants import *


def solve_00000001(I):
    # mirror the grid left to right
    O = vmirror(I)
    return O


def solve(S, I, C):
    """Search output: the task comes from the folder name."""
    x1 = objects(I, univalued=T, diagonal=F, without_bg=T)
    x2 = argmax(x1, size)
    x3 = shift(x2, (1, -1))
    O = paint(I, x3)
    return O


def verify_00000002(I: Grid) -> Grid:
    x1 = rbind(shift, DOWN)
    x2 = x1(
        asobject(I),
    )
    x2 = recolor(TWO, x2)  # reassigned: later uses see this one
    return paint(I, x2)


def solve_00000003_7(S, I, C):
    x1 = lbind(fill, I); x2 = ofcolor(I, ZERO)
    return x1(ONE, x2)
