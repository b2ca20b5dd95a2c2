/// The named constants of arc-dsl's `constants.py`.
public enum Constants {
    public static let all: [String: Value] = [
        "F": .false, "T": .true,
        "ZERO": .int(0), "ONE": .int(1), "TWO": .int(2), "THREE": .int(3), "FOUR": .int(4),
        "FIVE": .int(5), "SIX": .int(6), "SEVEN": .int(7), "EIGHT": .int(8), "NINE": .int(9),
        "TEN": .int(10), "NEG_ONE": .int(-1), "NEG_TWO": .int(-2),
        "DOWN": .pair(1, 0), "RIGHT": .pair(0, 1), "UP": .pair(-1, 0), "LEFT": .pair(0, -1),
        "ORIGIN": .pair(0, 0), "UNITY": .pair(1, 1), "NEG_UNITY": .pair(-1, -1),
        "UP_RIGHT": .pair(-1, 1), "DOWN_LEFT": .pair(1, -1),
        "ZERO_BY_TWO": .pair(0, 2), "TWO_BY_ZERO": .pair(2, 0),
        "TWO_BY_TWO": .pair(2, 2), "THREE_BY_THREE": .pair(3, 3),
    ]
}
