import Foundation
import Testing

@testable import BattCache

@Suite struct SolverStoreTests {
    @Test(arguments: StoreKind.allCases)
    func storedSolversComeBackByBodyHash(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        let materialised = Fixture.solver(1)
        let dagOnly = Fixture.solver(2, text: nil)
        try store.insert(solvers: [materialised, dagOnly])
        let found = try store.solvers(forBodyHashes: ["body-1", "body-2", "body-unknown"])
        #expect(found == ["body-1": materialised, "body-2": dagOnly])
    }

    @Test(arguments: StoreKind.allCases)
    func severalBodiesMayInlineToOneSolver(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try store.insert(solvers: [Fixture.solver(1, solver: 7), Fixture.solver(2, solver: 7)])
        #expect(try store.solvers(forMD5: Fixture.md5(7)).map(\.bodyHash) == ["body-1", "body-2"])
    }

    @Test(arguments: StoreKind.allCases)
    func sameInlinerVersionKeepsTheFirstRow(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try store.insert(solvers: [Fixture.solver(1, solver: 1)])
        #expect(try store.insert(solvers: [Fixture.solver(1, solver: 2, created: 5)]) == 0)
        #expect(try store.solvers(forBodyHashes: ["body-1"])["body-1"]?.solverMD5 == Fixture.md5(1))
    }

    @Test(arguments: StoreKind.allCases)
    func anotherInlinerVersionOrNewTextReplacesTheRow(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try store.insert(solvers: [Fixture.solver(1, text: nil), Fixture.solver(2)])
        let withText = Fixture.solver(1, created: 5)
        let reinlined = Fixture.solver(2, solver: 9, inliner: "i2", created: 5)
        #expect(try store.insert(solvers: [withText, reinlined]) == 2)
        #expect(try store.solvers(forBodyHashes: ["body-1", "body-2"]) == ["body-1": withText, "body-2": reinlined])
    }

    /// Batches above SQLite's variable limit: 999 before SQLite 3.32, and 32766 after
    /// (by default; Debian builds allow 250000), so one `IN (...)` list could not hold them.
    @Test(arguments: [(StoreKind.inMemory, 33_000), (.onDisk, 2_500)])
    func batchesLargerThanSQLiteVariableLimitWork(kind: StoreKind, count: Int) throws {
        let store = try TestCache(kind).store
        let solvers = (0..<count).map { Fixture.solver($0, text: nil) }
        #expect(try store.insert(solvers: solvers) == solvers.count)
        let found = try store.solvers(forBodyHashes: solvers.map(\.bodyHash))
        #expect(found.count == solvers.count)
        #expect(found["body-\(count - 1)"] == solvers.last)
    }

    @Test func emptyBatchesTouchNothing() throws {
        let store = try CacheStore.inMemory()
        #expect(try store.solvers(forBodyHashes: []).isEmpty)
        #expect(try store.insert(solvers: []) == 0)
    }
}
