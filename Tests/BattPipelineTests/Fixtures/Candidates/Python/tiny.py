# Candidates for the tiny test DSL (Tests/BattPythonTests/Fixtures/tinydsl), run with --dsl.
#
# a1a1a1a1 (mirror): 2 candidates, 1 correct, 1 wrong (uses 'twice' from extras.py).
# c3c3c3c3 (identity): 6 candidates: prints (correct), unknown name (invalid), loops for ever
# (timeout), allocates without bound (budget), calls os._exit (error), and a plain identity
# after them all (correct).

from dsl import *
from extras import *
import os


def solve_a1a1a1a1(I):
    O = mirror(I)
    return O


def solve_a1a1a1a1_1(S, I, C):
    x1 = twice(mirror, I)
    return x1


def solve_c3c3c3c3(I):
    O = chatter(I)
    return O


# 'vmirror' is arc-dsl's, not the tiny DSL's.
def solve_c3c3c3c3_1(I):
    O = vmirror(I)
    return O


def solve_c3c3c3c3_2(I):
    O = spin(I)
    return O


def solve_c3c3c3c3_3(I):
    O = hoard(I)
    return O


def solve_c3c3c3c3_4(I):
    O = leave(I)
    return O


def solve_c3c3c3c3_5(I):
    x1 = identity(I)
    O = identity(x1)
    return O
