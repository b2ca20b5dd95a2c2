# Solves c3c3c3c3 (the identity) after building 3,600 cells: enough work for the evaluation to
# look at the clock, so a deadline in the past shows as a timeout.
def solve_c3c3c3c3(I):
    x1 = canvas(ZERO, (60, 60))
    x2 = size(asobject(x1))
    O = branch(greater(x2, ONE), I, x1)
    return O
