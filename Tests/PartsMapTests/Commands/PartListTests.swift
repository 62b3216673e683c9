import Foundation
import Testing
@testable import PartsMap

/// `partsmap part list` with `--role`, `--status`, `--tag` and `--json`, through the real binary.
@Suite("part list: filters and JSON")
struct PartListTests {
    static func folder() throws -> URL {
        let folder = try TestSupport.makeTemporaryFolder()
        try FileManager.default.copyItem(at: TestSupport.example("numbness.parts"), to: folder.appendingPathComponent("map.parts"))
        return folder
    }

    /// The IDs in the table's first column.
    static func ids(_ table: String) -> [String] {
        table.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test(arguments: [
        (["--role", "exile"], PartFilter(roles: [.exile])),
        (["--role", "manager", "--role", "firefighter"], PartFilter(roles: [.manager, .firefighter])),
        (["--status", "known"], PartFilter(statuses: [.known])),
        (["--role", "manager", "--status", "known", "--status", "trusting"], PartFilter(roles: [.manager], statuses: [.known, .trusting])),
        (["--tag", "numbness"], PartFilter(tags: ["numbness"])),
        (["--tag", "numbness", "--role", "exile"], PartFilter(roles: [.exile], tags: ["numbness"])),
        (["--tag", "schema:"], PartFilter(tags: ["schema:"])),
        ([], PartFilter()),
    ])
    func filtersKeepTheMatchingParts(arguments: [String], filter: PartFilter) throws {
        let folder = try Self.folder()
        defer { TestSupport.cleanUp(folder) }
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let expected = map.parts.filter(filter.matches).map(\.id.rawValue)
        let table = try TestSupport.partsmap(["part", "list"] + arguments, in: folder)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(Self.ids(table.stdout) == expected)
        let json = try TestSupport.partsmap(["part", "list", "--json"] + arguments, in: folder)
        #expect(json.status == 0, "\(json.stderr)")
        let parts = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]])
        #expect(parts.map { $0["id"] as? String } == expected)
        #expect(json.stdout == JSONValue.array(map.parts.filter(filter.matches).map { GraphJSON.part($0, in: map) }).serialized(), "one part at a time or all at once, the same")
    }

    /// The table's LAST SEEN column, read for all parts at once, says what `lastSession` says for each.
    @Test func lastSeenIsTheLastSessionThatNamesThePart() throws {
        let folder = try Self.folder()
        defer { TestSupport.cleanUp(folder) }
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let table = try TestSupport.partsmap(["part", "list"], in: folder)
        let lastColumn = table.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ").last.map(String.init) }
        #expect(lastColumn == map.parts.map { map.lastSession(mentioning: $0.id)?.description ?? "-" })
        var generator = MapGenerator(seed: 3)
        for _ in 0..<40 {
            let generated = generator.map()
            let dates = generated.lastSessionDates()
            #expect(generated.parts.allSatisfy { dates[$0.id] == generated.lastSession(mentioning: $0.id) })
        }
    }

    @Test func theFiltersMeanWhatTheySay() throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let exiles = PartFilter(roles: [.exile]).parts(of: map)
        #expect(!exiles.isEmpty && exiles.allSatisfy { $0.role == .exile })
        #expect(PartFilter().parts(of: map) == map.parts)
        let noStatus = Part(id: PartID("x")!, fields: [PartField(.tags(["a", "b"]))])
        #expect(!PartFilter(statuses: Set(PartStatus.allCases)).matches(noStatus), "no status matches no status filter")
        #expect(PartFilter(roles: [.unknown], tags: ["b", "z"]).matches(noStatus))
        #expect(!PartFilter(tags: ["z"]).matches(noStatus))
    }

    @Test(arguments: [
        (["--role", "exil"], "'exil' is not a valid --role (did you mean 'exile'?)"),
        (["--status", "befriend"], "'befriend' is not a valid --status (did you mean 'befriended'?)"),
        (["--tag", "numbnes"], "unknown tag 'numbnes'; did you mean 'numbness'?"),
        (["--tag", "zzzzzzzz"], "unknown tag 'zzzzzzzz'; the tags are numbness, depression, central, schema:detached-protector, shame-maker,"),
    ])
    func badValuesAreUsageErrorsWithSuggestions(arguments: [String], message: String) throws {
        let folder = try Self.folder()
        defer { TestSupport.cleanUp(folder) }
        let result = try TestSupport.partsmap(["part", "list"] + arguments, in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
