"""gridkit: a small DSL of batt's own, to show `batt run --dsl`. Grids are tuples of rows."""


def turn(grid):
    """The grid turned half a circle."""
    return tuple(row[::-1] for row in grid[::-1])


def upside_down(grid):
    return grid[::-1]


def left_right(grid):
    return tuple(row[::-1] for row in grid)


def transpose(grid):
    return tuple(zip(*grid))


def beside(left, right):
    return tuple(a + b for a, b in zip(left, right))


def above(top, bottom):
    return top + bottom


def enlarge(grid, factor):
    """Each cell becomes a factor x factor block."""
    return tuple(tuple(v for v in row for _ in range(factor)) for row in grid for _ in range(factor))


def paint(grid, old, new):
    return tuple(tuple(new if v == old else v for v in row) for row in grid)
