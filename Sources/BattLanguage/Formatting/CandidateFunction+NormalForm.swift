extension CandidateFunction {
    /// The body in normal form: `def solve(<params>):`, then each statement on its own line with a
    /// 4-space indent as `ast.unparse` formats it, each line ending in a newline.
    ///
    /// Layout, comments, docstrings and the function name do not change it; parameters do.
    public var normalText: String {
        String(decoding: normalTextBytes(), as: UTF8.self)
    }

    /// The lowercase hex MD5 of `normalText`: the key under which an inlined form is cached.
    public var bodyHash: String {
        MD5Hex.digest(of: normalTextBytes())
    }

    func normalTextBytes() -> [UInt8] {
        var writer = PythonWriter(reservingCapacity: 32 + 32 * statements.count)
        writer.writeHeader(parameters: parameters, returnAnnotation: returnAnnotation)
        writer.write("\n")
        for statement in statements {
            writer.write("    ")
            writer.write(statement.target)
            writer.write(" = ")
            writer.write(statement.value)
            writer.write("\n")
        }
        if let returned {
            writer.write("    return ")
            writer.write(returned)
            writer.write("\n")
        }
        return writer.bytes
    }
}
