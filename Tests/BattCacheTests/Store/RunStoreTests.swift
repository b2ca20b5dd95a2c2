import Foundation
import Testing

@testable import BattCache

@Suite struct RunStoreTests {
    @Test(arguments: StoreKind.allCases)
    func recordedRunsComeBackNewestFirst(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        var older = Fixture.run(started: 0)
        var newer = Fixture.run(started: 100, version: "v2")
        older.id = try store.record(run: older)
        newer.id = try store.record(run: newer)
        #expect(try store.recentRuns(limit: 5) == [newer, older])
        #expect(try store.recentRuns(limit: 1) == [newer])
    }

    @Test(arguments: StoreKind.allCases)
    func recordingARunAgainUpdatesIt(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        var run = Fixture.run()
        let id = try store.record(run: run)
        run.validated = 42
        run.phaseSeconds.append(PhaseTiming(phase: "store", seconds: 0.125))
        #expect(try store.record(run: run) == id)
        run.id = id
        #expect(try store.recentRuns() == [run])
    }
}
