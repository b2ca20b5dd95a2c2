# The function's name says its task, whatever the folder.
def solve_b2b2b2b2_5(S, I, C):
    x1 = replace(I, ONE, TWO)
    return x1
