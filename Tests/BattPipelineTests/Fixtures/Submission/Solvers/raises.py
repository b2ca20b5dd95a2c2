def solve(I):
    return add(I, ONE)
