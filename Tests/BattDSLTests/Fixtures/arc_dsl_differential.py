"""Runs DSL programs under CPython with a user's arc-dsl, for batt's differential test.

Usage: python3 arc_dsl_differential.py ARC_DSL_DIR < programs.jsonl > results.jsonl

ARC_DSL_DIR holds dsl.py (and constants.py); it is imported from there at run time, never
copied. Every frozenset and set the DSL makes iterates in sorted order (None < ints < tuples <
frozensets, each element by element), the one difference from CPython that batt declares.

Each input line is one of
  {"id": N, "inputs": ["<python expr>", ...], "steps": [["<name>", [ref, ...]] | ["@", callee, [ref, ...]]]}
      a straight-line program: a ref below len(inputs) names an input, else an earlier step;
  {"id": N, "expression": "<python expr>"}
      one expression, evaluated inside a solver called from a module's top level (frame depth 2),
      so that its recursion depth is what CPython gives a solver.
Each output line is {"id": N, "outcomes": [OUTCOME, ...]} with one OUTCOME per step (one for an
expression): {"value": "<repr, sets sorted, bools as ints>"}, {"function": true},
{"raised": "<exception name>"}, {"skipped": true} (an argument did not return),
{"unsupported": "<type>"}, {"timeout": true}, or {"unusable": "<why>"} for an input that does not evaluate.
"""

import importlib.util
import json
import resource
import signal
import sys


def load_dsl(folder):
    sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location("dsl", folder.rstrip("/") + "/dsl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def order_key(value):
    if value is None:
        return (0,)
    if isinstance(value, int):
        return (1, int(value))
    if isinstance(value, tuple):
        return (2, tuple(order_key(e) for e in value))
    if isinstance(value, (frozenset, set)):
        return (3, tuple(sorted(order_key(e) for e in frozenset.__iter__(frozenset(value)))))
    return (4, repr(type(value)))


class SortedFrozenset(frozenset):
    def __iter__(self):
        return iter(sorted(frozenset.__iter__(self), key=order_key))

    def __repr__(self):
        return "frozenset({" + ", ".join(map(repr, self)) + "})" if self else "frozenset()"

    def _wrap(result):
        return SortedFrozenset(result) if isinstance(result, frozenset) else result

    __and__ = lambda a, b: SortedFrozenset._wrap(frozenset.__and__(a, b))
    __or__ = lambda a, b: SortedFrozenset._wrap(frozenset.__or__(a, b))
    __sub__ = lambda a, b: SortedFrozenset._wrap(frozenset.__sub__(a, b))
    __xor__ = lambda a, b: SortedFrozenset._wrap(frozenset.__xor__(a, b))
    __rand__ = lambda a, b: SortedFrozenset._wrap(frozenset.__rand__(a, b))
    __ror__ = lambda a, b: SortedFrozenset._wrap(frozenset.__ror__(a, b))
    __rsub__ = lambda a, b: SortedFrozenset._wrap(frozenset.__rsub__(a, b))
    union = lambda a, *b: SortedFrozenset(frozenset.union(a, *b))
    intersection = lambda a, *b: SortedFrozenset(frozenset.intersection(a, *b))
    difference = lambda a, *b: SortedFrozenset(frozenset.difference(a, *b))


class SortedSet(set):
    def __iter__(self):
        return iter(sorted(set.__iter__(self), key=order_key))


class Unsupported(Exception):
    pass


class FunctionValue(Exception):
    pass


def canonical(value, top=True):
    if callable(value) and top:
        raise FunctionValue()
    if value is None:
        return "None"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, tuple):
        if len(value) == 1:
            return "(" + canonical(value[0], False) + ",)"
        return "(" + ", ".join(canonical(e, False) for e in value) + ")"
    if isinstance(value, frozenset):
        if not value:
            return "frozenset()"
        elements = sorted(frozenset.__iter__(value), key=order_key)
        return "frozenset({" + ", ".join(canonical(e, False) for e in elements) + "})"
    # A function inside a container: batt's and CPython's cannot be compared as text.
    raise Unsupported(type(value).__name__)


class Timeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def frame_depth():
    frame, depth = sys._getframe(1), 0
    while frame is not None:
        depth += 1
        frame = frame.f_back
    return depth


def outcome_of(run):
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    try:
        value = run()
        try:
            return {"value": canonical(value)}
        except FunctionValue:
            return {"function": True}
        except Unsupported as error:
            return {"unsupported": str(error)}
    except Timeout:
        return {"timeout": True}
    except MemoryError:
        return {"timeout": True}
    except Exception as error:
        return {"raised": type(error).__name__}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def run_program(namespace, program):
    values = []
    for text in program["inputs"]:
        try:
            values.append(eval(text, namespace))
        except Exception as error:
            return [{"unusable": "%s: %s" % (type(error).__name__, text[:80])}]
    outcomes = []
    results = {}
    for index, step in enumerate(program["steps"]):
        if step[0] == "@":
            references = [step[1]] + step[2]
        else:
            references = step[1]
        arguments = []
        for reference in references:
            if reference < len(values):
                arguments.append(values[reference])
            elif reference - len(values) in results:
                arguments.append(results[reference - len(values)])
            else:
                break
        if len(arguments) < len(references):
            outcomes.append({"skipped": True})
            continue
        if step[0] == "@":
            call = lambda: arguments[0](*arguments[1:])
        else:
            function = namespace[step[0]]
            call = lambda: function(*arguments)
        holder = {}

        def keep():
            holder["value"] = call()
            return holder["value"]

        outcome = outcome_of(keep)
        if "value" in holder and "raised" not in outcome and "timeout" not in outcome:
            results[index] = holder["value"]
        outcomes.append(outcome)
    return outcomes


def run_expression(namespace, text):
    exec("def solve():\n    return " + text + "\n", namespace)
    solve = namespace["solve"]
    # The solver must run at depth 2 (module, solver) as far as the limit is concerned: the frames
    # of this harness below it are added to the limit.
    below = frame_depth() + 1
    sys.setrecursionlimit(1000 + below - 1)
    try:
        return [outcome_of(solve)]
    finally:
        sys.setrecursionlimit(1000)


def main():
    dsl = load_dsl(sys.argv[1])
    dsl.frozenset = SortedFrozenset
    dsl.set = SortedSet
    namespace = dict(vars(dsl))
    signal.signal(signal.SIGALRM, on_alarm)
    limit = 4 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if "expression" in request:
            outcomes = run_expression(namespace, request["expression"])
        else:
            outcomes = run_program(namespace, request)
        sys.stdout.write(json.dumps({"id": request["id"], "outcomes": outcomes}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
