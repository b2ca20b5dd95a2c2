# a1a1a1a1 mirrors left to right; b2b2b2b2 turns colour 1 into 2.
# 6 candidates, 5 distinct bodies, 5 (task, solver) pairs: 3 correct, 1 wrong, 1 error.

def solve_a1a1a1a1(I):
    O = vmirror(I)
    return O


def solve_a1a1a1a1_1(I):
    # the same body, another layout
    O = vmirror( I )
    return O


def solve_a1a1a1a1_2(S, I, C):
    x1 = hmirror(I)
    return x1


def solve_b2b2b2b2(I):
    O = replace(I, ONE, TWO)
    return O


def solve_b2b2b2b2_1(S, I, C):
    x1 = ofcolor(I, ONE)
    x2 = fill(grid=I, value=TWO, patch=x1)
    return x2


def solve_b2b2b2b2_2(S, I, C):
    x1 = add(I, ONE)
    return x1
