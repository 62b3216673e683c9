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
        var burdenForms: Set<Burden.Form> = [], sawLineage = false
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
                        if case .burden(let burden) = field.value {
                            burdenStates.insert(burden.state)
                            burdenForms.insert(burden.form)
                            sawLineage = sawLineage || !burden.lineage.isEmpty
                        }
                        if case .job(let value) = field.value { text(value) }
                    }
                case .burden(let unattached):
                    itemKinds.insert("burden")
                    burdenForms.insert(unattached.burden.form)
                    sawLineage = sawLineage || !unattached.burden.lineage.isEmpty
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
        #expect(itemKinds == ["title", "x-", "self", "part", "relationship", "session", "burden"])
        #expect(burdenForms == Set(Burden.Form.allCases) && sawLineage)
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

    // MARK: Trailing comments (once broken)

    /// A trailing comment whose text does not start with a blank is printed as `value  #text`;
    /// the two blanks make it a comment (it used to be read back as part of bare text).
    @Test func trailingCommentWithoutBlankAfterBareText() {
        let fog = PartID("fog")!
        let map = SystemMap(items: [
            .part(Part(id: fog, name: "The Fog", fields: [
                PartField(.job("numbs"), comments: Comments(trailing: "c")),
                PartField(.feelings(["flat"]), comments: Comments(trailing: "c")),
                PartField(.selfLike(true), comments: Comments(trailing: "c")),
                PartField(.note(""), comments: Comments(trailing: "c")),
                PartField(.note("two\nlines"), comments: Comments(trailing: "c")),
            ], comments: Comments(trailing: "c"))),
            .session(Session(date: CalendarDate("2026-01-01")!, title: "t", fields: [
                SessionField(.statusChange(StatusChange(part: fog, to: .known, note: "n")), comments: Comments(trailing: "c")),
                SessionField(.selfEnergy([QualityRating(.calm, 1)]), comments: Comments(trailing: "c")),
                SessionField(.present([fog]), comments: Comments(trailing: "c")),
            ], comments: Comments(trailing: "c"))),
        ])
        #expect(MapPrinter.print(map) == """
            partsmap 1

            part fog: The Fog  #c
              job: numbs  #c
              feelings: flat  #c
              self-like: yes  #c
              note:  #c
              note:  #c
                two
                lines

            session 2026-01-01: t  #c
              status fog: known: n  #c
              self: calm 1  #c
              present: fog  #c

            """)
        let parsed = MapParser.parse(MapPrinter.print(map))
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.map == map)
    }

    /// Formatting text with such a comment keeps it a comment.
    @Test func formattingKeepsAGluedCommentApart() throws {
        let original = TestSupport.parseValid("partsmap 1\npart fog: \"The Fog\"  #c\n  job: \"numbs\"  #why\n")
        let fog = try #require(original.parts.first)
        #expect(fog.name == "The Fog")
        #expect(fog.comments.trailing == "c")
        #expect(fog.fields == [PartField(.job("numbs"), comments: Comments(trailing: "why"))])
        let formatted = MapPrinter.print(original)
        #expect(formatted == "partsmap 1\n\npart fog: The Fog  #c\n  job: numbs  #why\n")
        #expect(TestSupport.parseValid(formatted) == original)
    }

    /// Bare text that starts with an unterminated `"` is fine alone, but a `"` in the comment
    /// after it would close the literal: such text is quoted when a comment follows.
    @Test func quoteInTrailingCommentCannotCloseABareValue() {
        let fog = PartID("fog")!
        let map = SystemMap(items: [
            .part(Part(id: fog, name: "\"The Fog", fields: [
                PartField(.job("\"a"), comments: Comments(trailing: " b\"")),
                PartField(.tags(["\"t"]), comments: Comments(trailing: "\"")),
            ], comments: Comments(trailing: " c\""))),
            .relationship(Relationship(.part(fog), .blends, .theSelf, note: "\"n", comments: Comments(trailing: " \" "))),
            .relationship(Relationship(.part(fog), .triggers, .theSelf, note: "\"n")),
        ])
        #expect(MapPrinter.print(map) == #"""
            partsmap 1

            part fog: "\"The Fog"  # c"
              job: "\"a"  # b"
              tags: "\"t"  #"

            fog blends self: "\"n"  # "
            fog triggers self: "n

            """#.replacingOccurrences(of: "# \"\n", with: "# \" \n"))
        let parsed = MapParser.parse(MapPrinter.print(map))
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.map == map)
    }

    @Test func formattingKeepsAValueAndItsCommentApart() {
        // `job: "\"a"  # b"` is the text `"a` with the comment ` b"`.
        let text = #"partsmap 1\#n\#npart fog\#n  job: "\"a"  # b"\#n"#
        let original = TestSupport.parseValid(text)
        #expect(original.parts.first?.fields == [PartField(.job("\"a"), comments: Comments(trailing: " b\""))])
        #expect(MapPrinter.print(original) == text)
    }

    @Test func generatorMakesCommentsOfEveryShape() {
        var shapes: Set<String> = []
        for seed in UInt64(0)..<200 {
            var generator = MapGenerator(seed: seed)
            for _ in 0..<50 {
                guard let comment = generator.trailingComment() else { continue }
                if comment.isEmpty { shapes.insert("empty") }
                else if comment.hasPrefix(" ") || comment.hasPrefix("\t") { shapes.insert("blank first") }
                else { shapes.insert("glued") }
                if comment.contains("\"") { shapes.insert("quote") }
            }
        }
        #expect(shapes == ["empty", "blank first", "glued", "quote"])
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
            guard !parsed.hasErrors else { continue }
            checked += 1
            if let failure = Self.failure(of: parsed.map) {
                failures.append("seed \(seed), input \(String(decoding: bytes, as: UTF8.self).debugDescription): \(failure)")
            }
        }
        #expect(checked > 100)
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(failures.first ?? "")")
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
