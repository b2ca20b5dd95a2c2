def solve(S, I, C):
    O = rot180(I)
    return O
