# Every placement of a large blank object on a large blank canvas: far too slow for a
# small time limit.
def solve_c3c3c3c3(S, I, C):
    t1 = canvas(ZERO, (40, 40))
    t2 = asobject(t1)
    t3 = canvas(ZERO, (700, 700))
    t4 = occurrences(t3, t2)
    t5 = size(t4)
    t6 = upscale(I, t5)
    return t6
