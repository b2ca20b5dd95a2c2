def solve(I):
    return branch(equality(height(I), TWO), vmirror(I), I)
