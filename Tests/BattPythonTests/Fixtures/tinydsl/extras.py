"""A module candidates star-import beside the DSL."""
from dsl import *


def twice(function, x):
    return function(function(x))


THREE = 3
