#!/usr/bin/env python3
"""Scores a Kaggle ARC Prize submission.json against a solutions file, as the competition does:
a test output counts when either attempt equals it; a task is fully right when all its test
outputs count.

    Scripts/score-submission.py submission.json arc-agi_training_solutions.json [--json]

Exit status 1 when the submission lacks a task or a test input of the solutions file, or is
not in the submission format.
"""

import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submission")
    parser.add_argument("solutions")
    parser.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    arguments = parser.parse_args()
    with open(arguments.submission, encoding="utf-8") as file:
        submission = json.load(file)
    with open(arguments.solutions, encoding="utf-8") as file:
        solutions = json.load(file)

    problems, right_tasks, wrong_tasks = [], [], []
    outputs = right_outputs = 0
    for task_id, expected in sorted(solutions.items()):
        entries = submission.get(task_id)
        if not isinstance(entries, list) or len(entries) != len(expected):
            problems.append(f"{task_id}: expected {len(expected)} entries, got {entries!r:.60}")
            continue
        all_right = True
        for index, (entry, output) in enumerate(zip(entries, expected)):
            outputs += 1
            if not isinstance(entry, dict) or not {"attempt_1", "attempt_2"} <= set(entry):
                problems.append(f"{task_id} test {index}: no attempt_1 and attempt_2")
                all_right = False
                continue
            if output in (entry["attempt_1"], entry["attempt_2"]):
                right_outputs += 1
            else:
                all_right = False
        (right_tasks if all_right else wrong_tasks).append(task_id)
    extra = sorted(set(submission) - set(solutions))

    if arguments.json:
        print(json.dumps({
            "tasks": len(solutions), "tasks_right": len(right_tasks), "outputs": outputs,
            "outputs_right": right_outputs, "tasks_wrong": wrong_tasks, "problems": problems,
            "extra_tasks": extra,
        }))
    else:
        print(f"{len(right_tasks)} of {len(solutions)} tasks fully right; {right_outputs} of {outputs} test outputs right")
        if wrong_tasks:
            print("not fully right: " + " ".join(wrong_tasks))
        for problem in problems:
            print(f"problem: {problem}")
        if extra:
            print(f"tasks not in the solutions: {' '.join(extra)}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
