def solve_a1a1a1a1(I):
    O = vmirror(I)
    return O


def solve_b2b2b2b2(I):
    O = replace(I, ONE, 123456789012345678901234567890)
    return O
