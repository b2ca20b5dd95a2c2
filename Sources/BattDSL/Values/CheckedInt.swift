/// Int arithmetic on program-supplied numbers: an overflow becomes the candidate's error
/// instead of trapping the process.
public enum CheckedInt {
    @inline(__always) public static func add(_ x: Int, _ y: Int) throws -> Int {
        let (r, o) = x.addingReportingOverflow(y)
        if o { throw DSLError.overflow("integer result of + does not fit in 64 bits") }
        return r
    }

    @inline(__always) public static func subtract(_ x: Int, _ y: Int) throws -> Int {
        let (r, o) = x.subtractingReportingOverflow(y)
        if o { throw DSLError.overflow("integer result of - does not fit in 64 bits") }
        return r
    }

    @inline(__always) public static func multiply(_ x: Int, _ y: Int) throws -> Int {
        let (r, o) = x.multipliedReportingOverflow(by: y)
        if o { throw DSLError.overflow("integer result of * does not fit in 64 bits") }
        return r
    }

    @inline(__always) public static func add(_ p: Point, _ d: Point) throws -> Point {
        Point(try add(p.i, d.i), try add(p.j, d.j))
    }
}
