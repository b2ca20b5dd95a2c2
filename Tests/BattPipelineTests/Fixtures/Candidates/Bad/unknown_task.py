def solve_deadbeef(I):
    O = vmirror(I)
    return O


def solve_a1a1a1a1(I):
    O = vmirror(I)
    return O
