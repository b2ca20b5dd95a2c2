# Candidates for a1a1a1a1 (mirror left to right) and b2b2b2b2 (colour 1 becomes 2).
#
# a1a1a1a1: 6 candidates, 5 bodies, 4 solvers (2 correct, 1 wrong, 1 error).
# b2b2b2b2: 4 candidates, 4 bodies, 4 solvers (2 correct, 2 wrong).
# All together: 10 candidates, 8 distinct bodies (one body is in both tasks), 8 (task, solver) pairs.

from dsl import *
from constants import *


def solve_a1a1a1a1(I):
    O = vmirror(I)
    return O


# Near miss: mirrored top to bottom.
def solve_a1a1a1a1_1(S, I, C):
    x1 = hmirror(I)
    return x1


# The body of solve_a1a1a1a1 again, laid out differently: the same body hash.
def solve_a1a1a1a1_2(I):
    # mirror it
    O = vmirror(  I )

    return O


# A type error on every pair: a grid plus an int.
def solve_a1a1a1a1_3(S, I, C):
    x1 = add(I, ONE)
    return x1


# Other variable names: another body, but the same inlined solver as solve_a1a1a1a1.
def solve_a1a1a1a1_4(I):
    mirrored = vmirror(I)
    return mirrored


# Annotations are part of the solver's text: another solver, also correct.
def verify_a1a1a1a1(I: Grid) -> Grid:
    O = vmirror(I)
    return O


def solve_b2b2b2b2(I):
    O = replace(I, ONE, TWO)
    return O


def solve_b2b2b2b2_1(S, I, C):
    x1 = replace(I, ONE, THREE)
    return x1


# Keyword arguments: another correct solver.
def solve_b2b2b2b2_2(S, I, C):
    x1 = ofcolor(I, ONE)
    x2 = fill(grid=I, value=TWO, patch=x1)
    return x2


# The body of solve_a1a1a1a1 for another task: inlined once, validated once per task.
def solve_b2b2b2b2_3(I):
    O = vmirror(I)
    return O
