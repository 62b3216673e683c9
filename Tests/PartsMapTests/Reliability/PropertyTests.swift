import Foundation
import Testing
@testable import PartsMap

extension Reliability {
    /// Properties over random valid maps (MapGenerator: every construct, hostile strings).
    /// Text → model → text and printing twice are covered by RoundTripTests; here the JSON side:
    /// model → JSON text → JSON value → model is the identity, and the JSON text is deterministic.
    @Suite("Reliability: properties over generated maps")
    struct PropertyTests {
        /// Seeds, in ranges, so the property runs in parallel and a failure names a range to replay.
        static let ranges: [Range<UInt64>] = [10_000..<10_100, 10_100..<10_200, 10_200..<10_300, 10_300..<10_400]

        /// What went wrong with one map's JSON round trip, or nil.
        static func jsonFailure(_ map: SystemMap) -> String? {
            let json = MapJSON.encode(map).serialized()
            let value: JSONValue
            do {
                value = try JSONValue.parse(Array(json.utf8))
            } catch {
                return "the JSON does not parse (\(error)):\n\(json.prefix(2_000))"
            }
            if value != MapJSON.encode(map) { return "the JSON reads back as a different JSON value" }
            let back: SystemMap
            do {
                back = try MapJSON.decode(value)
            } catch {
                return "the JSON does not decode (\(error)):\n\(json.prefix(2_000))"
            }
            if back != map { return "decodes to a different map:\n\(json.prefix(2_000))" }
            if MapJSON.encode(back).serialized() != json { return "encoding again gives different JSON" }
            return nil
        }

        @Test(arguments: ranges)
        func modelToJSONToModelIsIdentity(seeds: Range<UInt64>) {
            var failed: [String] = []
            for seed in seeds {
                var generator = MapGenerator(seed: seed)
                if let failure = Self.jsonFailure(generator.map()) { failed.append("seed \(seed): \(failure)") }
            }
            #expect(failed.isEmpty, "\(failed.count) of \(seeds.count) maps failed; first: \(failed.first ?? "")")
        }

        @Test func atLeastThreeHundredMaps() {
            #expect(Self.ranges.reduce(0) { $0 + $1.count } >= 300)
        }

        /// The generated maps are not trivial: across the seeds they hold every kind of item and
        /// plenty of hostile text, so the property above covers what matters.
        @Test func generatedMapsAreRich() {
            var kinds: Set<String> = []
            var strings = 0, controlCharacters = 0
            for seed in Self.ranges[0] {
                var generator = MapGenerator(seed: seed)
                let map = generator.map()
                for item in map.items {
                    switch item {
                    case .field: kinds.insert("field")
                    case .selfBlock: kinds.insert("self")
                    case .part: kinds.insert("part")
                    case .relationship: kinds.insert("relationship")
                    case .session: kinds.insert("session")
                    case .burden: kinds.insert("burden")
                    }
                }
                let json = MapJSON.encode(map).serialized()
                strings += json.utf8.filter { $0 == UInt8(ascii: "\"") }.count / 2
                controlCharacters += json.components(separatedBy: "\\u00").count - 1 + json.components(separatedBy: "\\n").count - 1
            }
            #expect(kinds == ["field", "self", "part", "relationship", "session", "burden"])
            #expect(strings > 5_000)
            #expect(controlCharacters > 50)
        }

        /// The same holds for the example maps, and for a JSON text re-indented by another tool:
        /// whitespace between tokens does not change the map.
        @Test func examplesSurviveReformattedJSON() throws {
            for name in ["numbness.parts", "first-map.parts"] {
                let map = TestSupport.parseValid(try TestSupport.exampleText(name))
                let json = MapJSON.encode(map).serialized()
                let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
                let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                let back = try MapJSON.decode(try JSONValue.parse([UInt8](pretty)))
                #expect(back == map, "\(name)")
            }
        }
    }
}
