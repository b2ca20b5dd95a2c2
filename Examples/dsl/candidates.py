# Candidates written in gridkit (Examples/dsl/dsl.py) for the tasks of Examples/tasks.
#   batt run --dsl Examples/dsl/dsl.py --candidates Examples/dsl/candidates.py --tasks Examples/tasks
from dsl import *
from colours import *


def solve_3c9b0459(I):
    O = turn(I)
    return O


def solve_67a3c6ac(I):
    O = left_right(I)
    return O


def solve_68b16354(I):
    O = upside_down(I)
    return O


def solve_6fa7a44f(I):
    x1 = upside_down(I)
    O = above(I, x1)
    return O


def solve_74dd1130(I):
    O = transpose(I)
    return O


def solve_a416b8f3(I):
    O = beside(I, I)
    return O


def solve_c59eb873(I):
    O = enlarge(I, TWO)
    return O


def solve_c8f0f002(I):
    O = paint(I, ORANGE, GREY)
    return O


# A near miss: the other mirror.
def solve_67a3c6ac_1(I):
    O = upside_down(I)
    return O


# Not a gridkit name: reported as invalid, with the modules searched.
def solve_68b16354_1(I):
    O = hmirror(I)
    return O
