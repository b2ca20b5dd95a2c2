/// A task path that cannot be loaded at all; problems inside files are `TaskDiagnostic`s instead.
public enum TaskLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing exists at the path.
    case notFound(path: String)
    /// A folder holds several Kaggle challenges files and loading them together would mix splits.
    case severalChallengeFiles(folder: String, files: [String])
    /// A Kaggle solutions file was given but its challenges file is not beside it.
    case solutionsWithoutChallenges(solutions: String, expectedChallenges: String)

    static let whatToPass =
        "pass a folder of <id>.json ARC task files, a Kaggle arc-agi_<split>_challenges.json "
        + "(its _solutions.json is read from beside it), a JSON file of tasks keyed by id, or one task file"

    public var description: String {
        switch self {
        case .notFound(let path):
            return "no file or folder at '\(path)'; \(Self.whatToPass)"
        case .severalChallengeFiles(let folder, let files):
            return "'\(folder)' holds several Kaggle challenges files (\(files.joined(separator: ", "))); "
                + "pass the path of the one to load"
        case .solutionsWithoutChallenges(let solutions, let expected):
            return "'\(solutions)' is a Kaggle solutions file, but its challenges file '\(expected)' does not exist; "
                + "pass the challenges file (test outputs are read from the solutions beside it)"
        }
    }
}
