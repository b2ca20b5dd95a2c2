#!/usr/bin/env python3
"""Turns a folder of ARC task files into the Kaggle pair: a challenges file without test outputs
and a solutions file holding them, as the ARC Prize competitions give them.

    Scripts/make-kaggle-split.py ../shared/data/arc-agi-1/training OUT_DIR [--split training]

writes OUT_DIR/challenges/arc-agi_<split>_challenges.json and OUT_DIR/arc-agi_<split>_solutions.json.
The challenges file is alone in its folder, so `batt` cannot find the solutions beside it.
"""

import argparse
import json
import os
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tasks", help="a folder of <id>.json ARC task files")
    parser.add_argument("out", help="the folder to write the pair into")
    parser.add_argument("--split", default="training", help="the name in the file names (default: training)")
    arguments = parser.parse_args()

    names = sorted(name for name in os.listdir(arguments.tasks) if name.endswith(".json"))
    if not names:
        sys.exit(f"make-kaggle-split: no <id>.json task files in {arguments.tasks}")
    challenges, solutions = {}, {}
    for name in names:
        with open(os.path.join(arguments.tasks, name), encoding="utf-8") as file:
            task = json.load(file)
        task_id = name[: -len(".json")]
        challenges[task_id] = {
            "train": task["train"],
            "test": [{"input": pair["input"]} for pair in task["test"]],
        }
        solutions[task_id] = [pair["output"] for pair in task["test"]]

    os.makedirs(os.path.join(arguments.out, "challenges"), exist_ok=True)
    challenges_path = os.path.join(arguments.out, "challenges", f"arc-agi_{arguments.split}_challenges.json")
    solutions_path = os.path.join(arguments.out, f"arc-agi_{arguments.split}_solutions.json")
    with open(challenges_path, "w", encoding="utf-8") as file:
        json.dump(challenges, file)
    with open(solutions_path, "w", encoding="utf-8") as file:
        json.dump(solutions, file)
    tests = sum(len(task["test"]) for task in challenges.values())
    print(f"{len(challenges)} tasks, {tests} test inputs: {challenges_path} and {solutions_path}")


if __name__ == "__main__":
    main()
