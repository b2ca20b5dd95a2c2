import Testing

@testable import BattDSL

/// `product` builds its set from sorted distinct factors (so that it never sorts all the pairs
/// unwatched); on random containers of every kind that must still be Python's
/// `frozenset((i, j) for j in b for i in a)`.
@Suite struct ProductPropertyTests {
    @Test func productIsTheSetOfEveryPairOfElements() throws {
        let product = try #require(Primitives.named("product"))
        var compared = 0
        for index in 0..<5_000 {
            var values = RandomValues(seed: SplitMix64.caseSeed(run: 0x9D0D_0C7, index: index))
            let (a, b) = (values.value(), values.value())
            guard let lefts = try? a.pythonElements(), let rights = try? b.pythonElements() else { continue }
            let pairs = rights.flatMap { j in lefts.map { i in Value.tuple([i, j]) } }
            let actual = try product.apply([a, b], EvaluationContext(timeLimit: nil, budget: 1_000_000))
            #expect(actual == Value.set(pairs), "product(\(a), \(b))")
            compared += 1
        }
        #expect(compared > 2_000)
    }
}
