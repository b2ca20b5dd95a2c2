def solve(I):
    return hmirror(I)
