import BattDSL

/// What is wrong with one task, and where: `pair` names the pair or grid (`train[2].output`).
struct TaskProblem: Error, Sendable {
    let pair: String?
    let message: String
}

/// Turns the JSON of one task into validated pairs.
///
/// The rules are ARC's: a task has at least one demonstration and one test; a grid is 1 to 30
/// rows of 1 to 30 integer cells 0-9, all rows the same length; demonstration outputs are given,
/// a test output may be missing or `null`. Unknown keys are ignored.
enum TaskDecoder {
    static let maximumSide = 30

    static func pairs(from json: JSONValue) throws(TaskProblem) -> (demonstrations: [TaskPair], tests: [TaskPair]) {
        guard let members = json.objectMembers else {
            throw TaskProblem(
                pair: nil, message: "expected an object with \"train\" and \"test\" arrays, found \(json.described)")
        }
        let demonstrations = try section("train", of: members, outputRequired: true)
        let tests = try section("test", of: members, outputRequired: false)
        return (demonstrations, tests)
    }

    /// Decodes the array under `key`; demonstration pairs need an output, test pairs may lack one.
    static func section(
        _ key: String, of members: [String: JSONValue], outputRequired: Bool
    ) throws(TaskProblem) -> [TaskPair] {
        guard let value = members[key] else {
            throw TaskProblem(pair: nil, message: "missing key \"\(key)\"")
        }
        guard let elements = value.arrayElements else {
            throw TaskProblem(pair: key, message: "expected an array of pairs, found \(value.described)")
        }
        guard !elements.isEmpty else {
            throw TaskProblem(pair: key, message: "has no pairs; a task needs at least one")
        }
        var pairs: [TaskPair] = []
        pairs.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            pairs.append(try pair(element, at: "\(key)[\(index)]", outputRequired: outputRequired))
        }
        return pairs
    }

    static func pair(_ json: JSONValue, at name: String, outputRequired: Bool) throws(TaskProblem) -> TaskPair {
        guard let members = json.objectMembers else {
            throw TaskProblem(
                pair: name, message: "expected an object with \"input\" and \"output\", found \(json.described)")
        }
        guard let inputJSON = members["input"] else {
            throw TaskProblem(pair: name, message: "missing key \"input\"")
        }
        let input = try grid(inputJSON, at: name + ".input")
        switch members["output"] {
        case .none where outputRequired:
            throw TaskProblem(pair: name, message: "missing key \"output\"; demonstration outputs must be given")
        case .null? where outputRequired:
            throw TaskProblem(pair: name + ".output", message: "is null; demonstration outputs must be given")
        case .none, .null?:
            return TaskPair(input: input, output: nil)
        case let outputJSON?:
            return TaskPair(input: input, output: try grid(outputJSON, at: name + ".output"))
        }
    }

    static func grid(_ json: JSONValue, at name: String) throws(TaskProblem) -> Grid {
        guard let rowValues = json.arrayElements else {
            throw TaskProblem(pair: name, message: "expected a grid (an array of rows), found \(json.described)")
        }
        guard !rowValues.isEmpty else {
            throw TaskProblem(pair: name, message: "the grid has no rows")
        }
        var rows: [[JSONValue]] = []
        rows.reserveCapacity(rowValues.count)
        for (index, rowValue) in rowValues.enumerated() {
            guard let row = rowValue.arrayElements else {
                throw TaskProblem(
                    pair: name, message: "row \(index) should be an array of cells, found \(rowValue.described)")
            }
            guard !row.isEmpty else {
                throw TaskProblem(pair: name, message: "row \(index) is empty")
            }
            if index > 0, row.count != rows[0].count {
                throw TaskProblem(
                    pair: name, message: "row \(index) has \(row.count) cells, row 0 has \(rows[0].count)")
            }
            rows.append(row)
        }
        let height = rows.count
        let width = rows[0].count
        guard height <= maximumSide, width <= maximumSide else {
            throw TaskProblem(
                pair: name,
                message: "the grid is \(height)x\(width) (rows x columns); ARC grids are at most 30x30")
        }
        var cells: [Int8] = []
        cells.reserveCapacity(height * width)
        for (i, row) in rows.enumerated() {
            for (j, cell) in row.enumerated() {
                guard case .integer(let value) = cell else {
                    throw TaskProblem(
                        pair: name, message: "row \(i), column \(j) holds \(cell.quoted), not an integer 0-9")
                }
                guard (0...9).contains(value) else {
                    throw TaskProblem(
                        pair: name, message: "row \(i), column \(j) holds \(value), outside the colours 0-9")
                }
                cells.append(Int8(value))
            }
        }
        return Grid(height: height, width: width, cells: cells)
    }
}
