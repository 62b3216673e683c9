import Foundation
import Testing
@testable import PartsMap

/// `MapParser.parse(MapPrinter.print(map)).map == map` for random valid maps, and the examples.
@Suite("Round trip: print, parse, print")
struct RoundTripTests {
    /// What went wrong with one map, or nil when it round-trips.
    private static func failure(of map: SystemMap) -> String? {
        let text = MapPrinter.print(map)
        let parsed = MapParser.parse(text)
        if !parsed.diagnostics.isEmpty {
            return "diagnostics \(parsed.diagnostics.map { "\($0.location) \($0.message)" }) reading:\n\(text)"
        }
        if parsed.map != map { return "read back a different map from:\n\(text)\n\(difference(map, parsed.map))" }
        let again = MapPrinter.print(parsed.map)
        if again != text { return "printed differently the second time:\n\(text)\n---\n\(again)" }
        return nil
    }

    /// The first item (or header/closing comments) that differs.
    private static func difference(_ expected: SystemMap, _ actual: SystemMap) -> String {
        if expected.headerComments != actual.headerComments {
            return "header comments: \(expected.headerComments) vs \(actual.headerComments)"
        }
        if expected.closingComments != actual.closingComments {
            return "closing comments: \(expected.closingComments) vs \(actual.closingComments)"
        }
        for (index, (a, b)) in zip(expected.items, actual.items).enumerated() where a != b {
            return "item \(index):\n  expected \(a)\n  actual   \(b)"
        }
        return "item counts: \(expected.items.count) vs \(actual.items.count)"
    }

    @Test func randomValidMapsRoundTrip() {
        var failures: [String] = []
        for seed in UInt64(0)..<400 {
            var generator = MapGenerator(seed: seed)
            let map = generator.map()
            if let failure = Self.failure(of: map) { failures.append("seed \(seed): \(failure)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of 400 maps failed; first: \(failures.first ?? "")")
    }

    @Test(arguments: [UInt64(1_000), 2_000, 3_000, 4_000])
    func moreSeeds(_ start: UInt64) {
        // Several ranges, so the property runs in parallel and failures name a range to replay.
        var failed: [UInt64] = []
        for seed in start..<start + 100 {
            var generator = MapGenerator(seed: seed)
            if Self.failure(of: generator.map()) != nil { failed.append(seed) }
        }
        #expect(failed.isEmpty, "failing seeds: \(failed)")
    }

    @Test func generatorIsDeterministic() {
        var first = MapGenerator(seed: 99)
        var second = MapGenerator(seed: 99)
        var other = MapGenerator(seed: 100)
        let map = first.map()
        #expect(map == second.map())
        #expect(map != other.map())
        var rng = SplitMix64(seed: 0)
        // The published SplitMix64 sequence for seed 0.
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    /// The generator has to reach every construct, or the property says little.
    @Test func generatorCoversEveryConstruct() {
        var itemKinds: Set<String> = [], partKeys: Set<String> = [], sessionKeys: Set<String> = [], selfKeys: Set<String> = []
        var relationshipKinds: Set<Relationship.Kind> = [], burdenStates: Set<Burden.State> = [], roles: Set<Role> = []
        var sawSelfEndpoint = false, sawBlock = false, sawLeading = false, sawTrailing = false, sawClosing = false
        var sawHeaderComment = false, sawNilName = false, sawEmptyName = false, sawFromStatus = false
        var sawStatusNote = false, sawOutOfRange = false, sawControl = false, sawQuoteStart = false
        for seed in UInt64(0)..<400 {
            var generator = MapGenerator(seed: seed)
            let map = generator.map()
            sawClosing = sawClosing || !map.closingComments.isEmpty
            sawHeaderComment = sawHeaderComment || !map.headerComments.isEmpty
            func text(_ value: String) {
                if MapText.canBeBlock(value) { sawBlock = true }
                if value.unicodeScalars.contains(where: { MapText.isControl($0) && $0 != "\n" }) { sawControl = true }
                if value.hasPrefix("\"") { sawQuoteStart = true }
            }
            func comments(_ comments: Comments) {
                sawLeading = sawLeading || !comments.leading.isEmpty
                sawTrailing = sawTrailing || comments.trailing != nil
            }
            for item in map.items {
                comments(item.comments)
                switch item {
                case .field(let field):
                    itemKinds.insert(field.key == "title" ? "title" : "x-")
                    text(field.value)
                case .selfBlock(let block):
                    itemKinds.insert("self")
                    for field in block.fields { selfKeys.insert(field.value.key.hasPrefix("x-") ? "x-" : field.value.key) }
                case .part(let part):
                    itemKinds.insert("part")
                    sawNilName = sawNilName || part.name == nil
                    sawEmptyName = sawEmptyName || part.name == ""
                    roles.insert(part.role)
                    for field in part.fields {
                        comments(field.comments)
                        partKeys.insert(field.value.key.hasPrefix("x-") ? "x-" : field.value.key)
                        if case .burden(let burden) = field.value { burdenStates.insert(burden.state) }
                        if case .job(let value) = field.value { text(value) }
                    }
                case .relationship(let relationship):
                    itemKinds.insert("relationship")
                    relationshipKinds.insert(relationship.kind)
                    sawSelfEndpoint = sawSelfEndpoint || relationship.from == .theSelf || relationship.to == .theSelf
                case .session(let session):
                    itemKinds.insert("session")
                    for field in session.fields {
                        sessionKeys.insert(field.value.key.hasPrefix("x-") ? "x-" : field.value.key)
                        if case .statusChange(let change) = field.value {
                            sawFromStatus = sawFromStatus || change.from != nil
                            sawStatusNote = sawStatusNote || change.note != nil
                        }
                        if case .selfEnergy(let ratings) = field.value {
                            sawOutOfRange = sawOutOfRange || ratings.contains { !(0...10).contains($0.score) }
                        }
                    }
                }
            }
        }
        #expect(itemKinds == ["title", "x-", "self", "part", "relationship", "session"])
        #expect(partKeys == Set(PartField.Value.knownKeys + ["x-"]))
        #expect(sessionKeys == Set(SessionField.Value.knownKeys + ["x-"]))
        #expect(selfKeys == ["note", "x-"])
        #expect(relationshipKinds == Set(Relationship.Kind.allCases))
        #expect(burdenStates == Set(Burden.State.allCases))
        #expect(roles == Set(Role.allCases))
        #expect(sawSelfEndpoint && sawBlock && sawLeading && sawTrailing && sawClosing && sawHeaderComment)
        #expect(sawNilName && sawEmptyName && sawFromStatus && sawStatusNote && sawOutOfRange && sawControl && sawQuoteStart)
    }

    @Test func generatedCommentsAreValid() {
        for seed in UInt64(0)..<100 {
            var generator = MapGenerator(seed: seed)
            let map = generator.map()
            var all = map.headerComments.leading + map.closingComments + [map.headerComments.trailing].compactMap { $0 }
            for item in map.items { all += item.comments.leading + [item.comments.trailing].compactMap { $0 } }
            #expect(all.allSatisfy { !$0.unicodeScalars.contains { $0 != "\t" && MapText.isControl($0) } })
        }
    }

    // MARK: Known problems

    /// A trailing comment whose text does not start with a blank is printed as `value  #text`.
    /// After bare text, `#` starts a comment only when a blank follows it, so the comment is
    /// read back as part of the value.
    @Test func trailingCommentWithoutBlankAfterBareText() {
        let fog = PartID("fog")!
        let map = SystemMap(items: [
            .part(Part(id: fog, name: "The Fog", fields: [
                PartField(.job("numbs"), comments: Comments(trailing: "c")),
                PartField(.feelings(["flat"]), comments: Comments(trailing: "c")),
                PartField(.selfLike(true), comments: Comments(trailing: "c")),
            ], comments: Comments(trailing: "c"))),
        ])
        #expect(MapPrinter.print(map) == "partsmap 1\n\npart fog: The Fog  #c\n  job: numbs  #c\n  feelings: flat  #c\n  self-like: yes  #c\n")
        withKnownIssue("trailing comment not starting with a blank is read back as part of a bare value") {
            let parsed = MapParser.parse(MapPrinter.print(map))
            #expect(parsed.diagnostics.isEmpty)
            #expect(parsed.map == map)
        }
    }

    /// The same problem reached from text: formatting a valid map changes what it says.
    @Test func formattingMovesACommentIntoTheValue() throws {
        let original = TestSupport.parseValid("partsmap 1\npart fog: \"The Fog\"  #c\n  job: \"numbs\"  #why\n")
        let fog = try #require(original.parts.first)
        #expect(fog.name == "The Fog")
        #expect(fog.comments.trailing == "c")
        #expect(fog.fields[0] == PartField(.job("numbs"), comments: Comments(trailing: "why")))
        let formatted = MapPrinter.print(original)
        withKnownIssue("printing a comment such as '#why' after bare text makes it part of the text") {
            let reread = MapParser.parse(formatted)
            #expect(reread.map.parts.first?.name == "The Fog")
            #expect(reread.map.parts.first?.jobs == ["numbs"])
            #expect(reread.map == original)
        }
    }

    @Test func generatedMapsWithUnblankedTrailingComments() {
        var failed = 0
        for seed in UInt64(0)..<50 {
            var generator = MapGenerator(seed: seed, options: .init(trailingCommentsWithoutBlank: true))
            if Self.failure(of: generator.map()) != nil { failed += 1 }
        }
        withKnownIssue("trailing comment not starting with a blank is read back as part of a bare value") {
            #expect(failed == 0)
        }
    }

    /// Bare text that starts with an unterminated `"` is fine alone, but the printer writes the
    /// trailing comment after it: a `"` in the comment then closes the literal.
    @Test func quoteInTrailingCommentClosesABareValue() {
        let fog = PartID("fog")!
        let map = SystemMap(items: [
            .part(Part(id: fog, name: "\"The Fog", fields: [PartField(.job("\"a"), comments: Comments(trailing: " b\""))],
                       comments: Comments(trailing: " c\""))),
            .relationship(Relationship(.part(fog), .blends, .theSelf, note: "\"n", comments: Comments(trailing: " \" "))),
        ])
        #expect(MapPrinter.print(map) == "partsmap 1\n\npart fog: \"The Fog  # c\"\n  job: \"a  # b\"\n\nfog blends self: \"n  # \" \n")
        withKnownIssue("a bare value starting with '\"' and a comment containing '\"' read back as one quoted string") {
            let parsed = MapParser.parse(MapPrinter.print(map))
            #expect(parsed.map == map)
        }
    }

    @Test func formattingJoinsAValueAndItsCommentIntoOneString() throws {
        // `job: "\"a"  # b"` is the text `"a` with the comment ` b"`; formatted it becomes `job: "a  # b"`.
        let original = TestSupport.parseValid("partsmap 1\npart fog\n  job: \"\\\"a\"  # b\"\n")
        #expect(original.parts.first?.fields == [PartField(.job("\"a"), comments: Comments(trailing: " b\""))])
        let formatted = MapPrinter.print(original)
        withKnownIssue("a bare value starting with '\"' and a comment containing '\"' read back as one quoted string") {
            #expect(MapParser.parse(formatted).map == original, "\(formatted)")
        }
    }

    /// Any text that reads without errors formats to text that reads back the same: mutate
    /// printed maps at random and check every mutant that is still a valid map.
    @Test func formattingValidTextKeepsItsMeaning() {
        var rng = SplitMix64(seed: 2024)
        let alphabet = Array(" \t\n#:,\"\\->x".utf8)
        var checked = 0
        var failures: [String] = []
        for seed in UInt64(0)..<1_500 {
            var generator = MapGenerator(seed: seed)
            var bytes = Array(MapPrinter.print(generator.map()).utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                let byte = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                switch Int.random(in: 0...3, using: &rng) {
                case 0: bytes.remove(at: index)
                case 1: bytes.insert(byte, at: index)
                case 2: bytes[index] = byte
                default: bytes.swapAt(index, Int.random(in: 0..<bytes.count, using: &rng))
                }
            }
            let parsed = MapParser.parse(SourceText(bytes))
            guard !parsed.hasErrors, !Self.hasKnownCommentProblem(parsed.map) else { continue }
            checked += 1
            if let failure = Self.failure(of: parsed.map) {
                failures.append("seed \(seed), input \(String(decoding: bytes, as: UTF8.self).debugDescription): \(failure)")
            }
        }
        #expect(checked > 100)
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(failures.first ?? "")")
    }

    /// Maps with trailing comments the two known problems above affect.
    private static func hasKnownCommentProblem(_ map: SystemMap) -> Bool {
        var trailing = [map.headerComments.trailing]
        for item in map.items {
            trailing.append(item.comments.trailing)
            switch item {
            case .part(let part): trailing += part.fields.map(\.comments.trailing)
            case .session(let session): trailing += session.fields.map(\.comments.trailing)
            case .selfBlock(let block): trailing += block.fields.map(\.comments.trailing)
            case .field, .relationship: break
            }
        }
        return trailing.compactMap { $0 }.contains { comment in
            comment.contains("\"") || !(comment.isEmpty || comment.hasPrefix(" ") || comment.hasPrefix("\t"))
        }
    }

    // MARK: Examples

    static var exampleFiles: [URL] {
        let folder = TestSupport.packageRoot.appendingPathComponent("Examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".parts") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func examplesExist() {
        #expect(!Self.exampleFiles.isEmpty)
    }

    @Test(arguments: exampleFiles)
    func exampleRoundTrips(_ file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let parsed = MapParser.parse(text)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        let canonical = MapPrinter.print(parsed.map)
        // The examples are kept in canonical form (as `partsmap fmt` writes them).
        #expect(canonical == text, "\(file.lastPathComponent) is not in canonical form")
        let reread = MapParser.parse(canonical)
        #expect(reread.diagnostics.isEmpty)
        #expect(reread.map == parsed.map)
        #expect(MapPrinter.print(reread.map) == canonical)
        #expect(Self.failure(of: parsed.map) == nil)
    }
}
