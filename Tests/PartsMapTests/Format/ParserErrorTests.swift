import Testing
@testable import PartsMap

/// One malformed input and the error it must produce.
struct ParserErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var line: Int
    var column: Int
    /// A phrase the message must contain.
    var phrase: String
    /// How many diagnostics the input produces in all.
    var count: Int

    init(_ name: String, _ text: String, _ line: Int, _ column: Int, _ phrase: String, count: Int = 1) {
        self.init(name, Array(text.utf8), line, column, phrase, count: count)
    }

    init(_ name: String, _ bytes: [UInt8], _ line: Int, _ column: Int, _ phrase: String, count: Int = 1) {
        self.name = name
        self.bytes = bytes
        self.line = line
        self.column = column
        self.phrase = phrase
        self.count = count
    }

    var testDescription: String { name }
}

@Suite("MapParser: errors")
struct ParserErrorTests {
    private static let head = "partsmap 1\npart fog\n"
    private static let twoParts = "partsmap 1\npart fog\npart little\n"
    private static let withSession = "partsmap 1\npart fog\nsession 2026-01-01\n"

    static let cases: [ParserErrorCase] = [
        // Header
        .init("missing header", "part fog\n", 1, 1, "a map starts with the line 'partsmap 1'"),
        .init("empty file", "", 1, 1, "a map starts with the line 'partsmap 1'"),
        .init("only comments", "# just a comment\n\n", 1, 1, "a map starts with the line 'partsmap 1'"),
        .init("wrong version", "partsmap 2\n", 1, 10, "this map is in format version 2; this partsmap reads version 1"),
        .init("missing version", "partsmap\n", 1, 9, "expected the format version after 'partsmap'"),
        .init("decimal version", "partsmap 1.0\n", 1, 10, "expected the format version after 'partsmap'"),
        .init("text after the version", "partsmap 1 extra\n", 1, 12, "unexpected text after the format version"),
        .init("header twice", "partsmap 1\n\npartsmap 1\n", 3, 1, "the 'partsmap' version line may appear only once"),

        // Top level
        .init("unknown top-level key with suggestion", "partsmap 1\ntitel: a\n", 2, 1,
              "unknown top-level key 'titel'; did you mean 'title'?"),
        .init("unknown top-level key", "partsmap 1\ncolour: a\n", 2, 1, "unknown top-level key 'colour'"),
        .init("bare x- is not a custom key", "partsmap 1\nx-: a\n", 2, 1, "unknown top-level key 'x-'"),
        .init("duplicate title", "partsmap 1\ntitle: a\ntitle: b\n", 3, 1, "the map already has a title (line 2)"),
        .init("unknown item with suggestion", "partsmap 1\nprat fog\n", 2, 1, "unknown item 'prat'; did you mean 'part'?"),
        .init("unreadable line", "partsmap 1\n!!!\n", 2, 1, "cannot read this line"),
        .init("duplicate self block", "partsmap 1\nself\n  note: a\nself\n", 4, 1,
              "the map already has a self block (line 2)"),
        .init("indented line outside a block", "partsmap 1\n  role: manager\n", 2, 3,
              "indented line outside a part, session or self block"),
        .init("indented line under a one-line title", "partsmap 1\ntitle: t\n\tnote: x\n", 3, 2,
              "indented line outside a part, session or self block"),
        .init("no-break space is not indentation", "partsmap 1\npart fog\n\u{A0}\u{A0}role: manager\n", 3, 1,
              "cannot read this line"),

        // Part headers
        .init("duplicate part ID", "partsmap 1\npart fog\n\npart fog: Again\n", 4, 6, "part 'fog' is already defined on line 2"),
        .init("invalid part ID", "partsmap 1\npart -fog: x\n", 2, 6, "'-fog' is not a valid part ID"),
        .init("part ID too long", "partsmap 1\npart \(String(repeating: "a", count: 65))\n", 2, 6, "is not a valid part ID"),
        .init("self is not a part ID", "partsmap 1\npart self\n", 2, 6, "'self' is the Self, not a part"),
        .init("a format word is not a part ID", "partsmap 1\npart part: P\n", 2, 6,
              "'part' is a word of the map format and cannot be a part ID"),
        .init("title is not a part ID", "partsmap 1\npart title\n", 2, 6, "'title' is a word of the map format"),
        .init("part written as a key", "partsmap 1\npart: fog\n  role: manager\n", 2, 1,
              "'part' starts a block, written 'part ID: Name'"),
        .init("session written as a key", "partsmap 1\nsession : 2026-01-01\n", 2, 1, "'session' starts a block"),
        .init("part without ID", "partsmap 1\npart\n", 2, 5, "expected a part ID after 'part'"),
        .init("part name without colon", "partsmap 1\npart fog The Fog\n", 2, 10,
              "expected ':' and a display name after the part ID"),
        .init("part ID with a non-ASCII letter", "partsmap 1\npart café: x\n", 2, 9,
              "expected ':' and a display name after the part ID"),

        // Part fields
        .init("unknown part field with suggestion", head + "  rol: manager\n", 3, 3,
              "unknown part field 'rol'; did you mean 'role'?"),
        .init("unknown part field", head + "  colour: grey\n", 3, 3, "custom fields start with 'x-'"),
        .init("unknown role with suggestion", head + "  role: manger\n", 3, 9, "unknown role 'manger'; did you mean 'manager'?"),
        .init("unknown role lists the roles", head + "  role: boss\n", 3, 9,
              "unknown role 'boss'; use one of manager, firefighter, protector, exile, unknown"),
        .init("role missing", head + "  role:\n", 3, 8, "expected a role: manager, firefighter"),
        .init("text after the role", head + "  role: manager extra\n", 3, 17, "unexpected text after the role"),
        .init("quoted role", head + "  role: \"manager\"\n", 3, 9, "expected a role"),
        .init("duplicate role", head + "  role: manager\n  role: exile\n", 4, 3, "'role' is already given for this part on line 3"),
        .init("duplicate age", head + "  age: 7\n  note: n\n  age: 8\n", 5, 3, "'age' is already given for this part on line 3"),
        .init("duplicate status", head + "  status: known\n  status: known\n", 4, 3, "'status' is already given"),
        .init("duplicate self-like", head + "  self-like: no\n\tself-like: no\n", 4, 2, "'self-like' is already given"),
        .init("unknown part status with suggestion", head + "  status: knwn\n", 3, 11, "unknown status 'knwn'; did you mean 'known'?"),
        .init("self-like is yes or no", head + "  self-like: maybe\n", 3, 14, "'self-like' is 'yes' or 'no'"),
        .init("field without colon", head + "  role manager\n", 3, 15, "expected 'key: value'"),
        .init("word before the colon", head + "  job x: y\n", 3, 7, "'job' takes no word before the colon"),
        .init("burden without kind", head + "  burden: \"x\"\n", 3, 3, "say what kind of burden"),
        .init("unknown burden kind with suggestion", head + "  burden legasy: x\n", 3, 10,
              "unknown burden kind 'legasy'; did you mean 'legacy'?"),
        .init("unknown burden kind", head + "  burden family: \"we do not cry\"\n", 3, 10,
              "unknown burden kind 'family'; kinds are personal, legacy, cultural"),
        .init("unknown burden state", head + "  burden legacy gone: x\n", 3, 17,
              "unknown burden state or form 'gone'; states are carried, witnessed, released; forms are words, wordless"),
        .init("unknown burden word after the state", head + "  burden legacy witnessed again: x\n", 3, 27,
              "unknown burden state or form 'again'"),
        .init("two burden states", head + "  burden legacy witnessed released: x\n", 3, 27, "the burden's state is already given"),
        .init("two burden forms", head + "  burden personal bodily preverbal: x\n", 3, 26, "the burden's form is already given"),
        .init("misspelt burden form", head + "  burden personal preverbl: terror\n", 3, 19,
              "unknown burden state or form 'preverbl'; did you mean 'preverbal'?"),
        .init("misspelt from", head + "  burden legacy form mother: x\n", 3, 17, "unknown burden state or form 'form'; did you mean 'from'?"),
        .init("lineage missing", head + "  burden legacy from: x\n", 3, 17, "say who handed the burden down after 'from'"),
        .init("comma outside a lineage", head + "  burden legacy, witnessed: x\n", 3, 16, "expected ':' after 'burden'"),
        .init("lineage with a bad word", head + "  burden legacy from mother's mother: x\n", 3, 28, "expected ':' after 'burden'"),
        .init("unattached burden kind", "partsmap 1\nburden legasy from father: x\n", 2, 8,
              "unknown burden kind 'legasy'; did you mean 'legacy'?"),
        .init("unattached burden without colon", "partsmap 1\nburden legacy from father\n", 2, 26, "expected ':' and the burden"),
        .init("empty list item", head + "  feelings: a, , b\n", 3, 16, "empty item in the list"),
        .init("comma at the end of a list", head + "  tags: a, b,\n", 3, 14, "empty item in the list"),
        .init("comma at the start of a list", head + "  tags: ,a\n", 3, 9, "empty item in the list"),

        // Relationships
        .init("unknown relationship kind with suggestion", twoParts + "fog protect little\n", 4, 5,
              "unknown relationship 'protect'; did you mean 'protects'?"),
        .init("unknown relationship kind", twoParts + "fog loves little\n", 4, 5,
              "unknown relationship 'loves'; relationships are protects, polarized, allied, blends, triggers"),
        .init("relationship with an unknown part, suggested", "partsmap 1\npart fog\nfog protects littel\npart little\n", 3, 14,
              "unknown part 'littel'; did you mean 'little'?"),
        .init("relationship from an unknown part", "partsmap 1\npart little\nfgo protects little\n", 3, 1,
              "unknown part 'fgo'; define it with 'part fgo: Name'"),
        .init("relationship with an invalid ID", twoParts + "fog protects -little\n", 4, 14, "'-little' is not a valid part ID"),
        .init("text after a relationship", twoParts + "fog protects self extra\n", 4, 19, "unexpected text after the relationship"),

        // Sessions
        .init("session with an impossible date", "partsmap 1\nsession 2026-02-30: x\n", 2, 9, "'2026-02-30' is not a date"),
        .init("session date not zero-padded", "partsmap 1\nsession 2026-1-01\n", 2, 9, "'2026-1-01' is not a date"),
        .init("session year zero", "partsmap 1\nsession 0000-01-01\n", 2, 9, "'0000-01-01' is not a date"),
        .init("session without date", "partsmap 1\nsession\n", 2, 8, "expected a date after 'session'"),
        .init("session title without colon", "partsmap 1\nsession 2026-01-01 Session 1\n", 2, 20,
              "expected ':' and a title after the session date"),
        .init("present names an unknown part", withSession + "  present: fog, fgo\n", 4, 17,
              "unknown part 'fgo'; did you mean 'fog'?"),
        .init("present names the Self", withSession + "  present: self\n", 4, 12, "'self' is the Self, not a part"),
        .init("present with an invalid ID", withSession + "  present: fog, a.b\n", 4, 17, "'a.b' is not a valid part ID"),
        .init("rating is not a number", withSession + "  self: calm five\n", 4, 9, "expected a quality and a number"),
        .init("rating without a number", withSession + "  self: calm 5, clarity\n", 4, 17, "expected a quality and a number"),
        .init("rating too large for a number", withSession + "  self: calm 99999999999999999999\n", 4, 9,
              "expected a quality and a number"),
        .init("unknown 8C quality with suggestion", withSession + "  self: curiousity 5\n", 4, 9,
              "unknown Self quality (the 8 Cs) 'curiousity'; did you mean 'curiosity'?"),
        .init("a 5P quality on the 8Cs line", withSession + "  self: patience 5\n", 4, 9,
              "unknown Self quality (the 8 Cs) 'patience'; they are calm, curiosity"),
        .init("unknown 5P quality with suggestion", withSession + "  5ps: presense 3\n", 4, 8,
              "unknown quality of the 5 Ps 'presense'; did you mean 'presence'?"),
        .init("quality rated twice", withSession + "  self: calm 5, calm 6\n", 4, 17, "'calm' is rated twice on this line"),
        .init("status change with an unknown status", withSession + "  status fog: known -> befrended\n", 4, 24,
              "unknown status 'befrended'; did you mean 'befriended'?"),
        .init("status change with a dangling arrow", withSession + "  status fog: known ->\n", 4, 23, "expected a status"),
        .init("status change without a part", withSession + "  status: known\n", 4, 3, "say which part: 'status fog: ...'"),
        .init("status change of an unknown part", withSession + "  status fgo: known\n", 4, 10, "unknown part 'fgo'"),
        .init("status change with text after", withSession + "  status fog: known befriended\n", 4, 21,
              "expected 'from -> to'"),
        .init("unknown 6 Fs step", withSession + "  6fs fog: befrend\n", 4, 12, "unknown 6 Fs step 'befrend'; did you mean 'befriend'?"),
        .init("unknown unburdening step", withSession + "  unburdening fog: retreival\n", 4, 20,
              "unknown unburdening step 'retreival'; did you mean 'retrieval'?"),
        .init("6fs with two parts", withSession + "  6fs fog little: find\n", 4, 11, "'6fs' takes one part ID before the colon"),
        .init("unknown session field with suggestion", withSession + "  homwork: x\n", 4, 3,
              "unknown session field 'homwork'; did you mean 'homework'?"),
        .init("unknown self field", "partsmap 1\nself\n  mood: calm\n", 3, 3, "unknown self field 'mood'"),

        // Blocks
        .init("inconsistent block indentation", head + "  note:\n    one\n   two\n", 5, 1,
              "indented less than the first line of its text block"),
        .init("block mixing tabs and spaces", head + "  note:\n    one\n  \t  two\n", 5, 1, "mixes tabs and spaces"),

        // Bytes
        .init("control character", head + "  job: a\u{1}b\n", 3, 9, "control character U+0001 is not allowed"),
        .init("escape character", head + "  job: \u{1B}[31m\n", 3, 8, "control character U+001B is not allowed; inside quotes write \\u{1B}"),
        .init("carriage return inside a line", head + "  job: a\rb\n", 3, 9, "control character U+000D"),
        .init("delete character", head + "  job: a\u{7F}\n", 3, 9, "control character U+007F"),
        .init("NUL byte", head + "  job: a\u{0}b\n", 3, 9, "NUL byte: this does not look like a text file"),
        .init("invalid UTF-8", Array((head + "  job: caf").utf8) + [0xFF] + Array("x\n".utf8), 3, 11,
              "invalid UTF-8 (byte 0xFF)"),
        .init("invalid UTF-8 after multi-byte characters", Array((head + "  job: é😀x").utf8) + [0xC3, 0x0A], 3, 11,
              "invalid UTF-8 (byte 0xC3)"),
        .init("UTF-8 encoded surrogate", Array((head + "  job: é").utf8) + [0xED, 0xA0, 0x80, 0x0A], 3, 9,
              "invalid UTF-8 (byte 0xED)"),
        .init("overlong UTF-8", Array((head + "  job: ü").utf8) + [0xC0, 0x80, 0x0A], 3, 9, "invalid UTF-8 (byte 0xC0)"),
        .init("truncated UTF-8 at end of file", Array((head + "  job: ").utf8) + [0xE2, 0x82], 3, 8, "invalid UTF-8 (byte 0xE2)"),
        .init("invalid UTF-8 in a comment", Array("partsmap 1\n  # ok ".utf8) + [0x80, 0x0A], 2, 8, "invalid UTF-8 (byte 0x80)"),
        .init("invalid UTF-8 after a BOM", [0xEF, 0xBB, 0xBF] + Array("partsmap 1 #".utf8) + [0xFE], 1, 13,
              "invalid UTF-8 (byte 0xFE)"),
        .init("invalid UTF-8 inside a block", Array((head + "  note:\n    ok\n    ").utf8) + [0xF5, 0x0A], 5, 5,
              "invalid UTF-8 (byte 0xF5)"),
    ]

    @Test(arguments: cases)
    func reportsTheErrorAtItsPosition(_ example: ParserErrorCase) throws {
        let parsed = MapParser.parse(SourceText(example.bytes))
        let first = try #require(parsed.diagnostics.first, "no diagnostics")
        #expect(first.severity == .error)
        #expect(first.location == PartsMap.SourceLocation(line: example.line, column: example.column),
                "\(first.message)")
        #expect(first.message.contains(example.phrase), "message: \(first.message)")
        #expect(parsed.diagnostics.count == example.count, "\(parsed.diagnostics)")
        #expect(parsed.hasErrors)
        #expect(parsed.errors == parsed.diagnostics)
    }

    @Test func thereAreAtLeastTwentyDistinctCases() {
        #expect(Self.cases.count >= 20)
        #expect(Set(Self.cases.map(\.bytes)).count == Self.cases.count)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    // MARK: Recovery

    @Test func textAfterAClosingQuoteMakesTheValueBareNotAnError() {
        // A value that is not a single literal is read as bare text, quotes included.
        let parsed = MapParser.parse(Self.head + "  job: \"a\" b\n  note: \"x\" # c\n")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.map.parts.first?.fields.map(\.value) == [.job("\"a\" b"), .note("x")])
    }

    @Test func quotedListItemFollowedByTextIsBare() {
        let parsed = MapParser.parse(Self.head + "  tags: \"a\" \"b\", c\n")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.map.parts.first?.tags == ["\"a\" \"b\"", "c"])
    }

    @Test func allErrorsInAFileAreReported() {
        let parsed = MapParser.parse("""
            partsmap 1

            part fog: The Fog
              burden family: "we do not cry"
              feelings: flat,, tired
              role: manager

            part little
              role: exil
              age: 7
            fog protect little
            fog protects littel
            session 2026-02-30
            session 2026-03-01: ok
              self: calm 5, calmness 3
              present: fog
            """)
        typealias L = PartsMap.SourceLocation
        let found = parsed.diagnostics.sorted { $0.location < $1.location }.map { "\($0.location) \($0.message)" }
        #expect(found.count == 7, "\(found)")
        let expected: [(L, String)] = [
            (L(line: 4, column: 10), "unknown burden kind 'family'"),
            (L(line: 5, column: 18), "empty item in the list"),
            (L(line: 9, column: 9), "unknown role 'exil'; did you mean 'exile'?"),
            (L(line: 11, column: 5), "unknown relationship 'protect'"),
            (L(line: 12, column: 14), "unknown part 'littel'; did you mean 'little'?"),
            (L(line: 13, column: 9), "'2026-02-30' is not a date"),
            (L(line: 15, column: 17), "unknown Self quality (the 8 Cs) 'calmness'"),
        ]
        let sorted = parsed.diagnostics.sorted { $0.location < $1.location }
        for (diagnostic, (location, phrase)) in zip(sorted, expected) {
            #expect(diagnostic.location == location)
            #expect(diagnostic.message.contains(phrase), "\(diagnostic.message)")
        }
        // The lines that were fine are still read.
        #expect(parsed.map.parts.map(\.id.rawValue) == ["fog", "little"])
        #expect(parsed.map.parts[0].fields.map(\.value) == [.role(.manager)])
        #expect(parsed.map.parts[1].fields.map(\.value) == [.age("7")])
        #expect(parsed.map.relationships.map(\.identity) == ["fog protects littel"])
        #expect(parsed.map.sessions.map(\.title) == ["ok"])
        #expect(parsed.map.sessions.first?.fields.map(\.value) == [.present([PartID("fog")!])])
    }

    @Test func fieldsOfAnUnreadableBlockHeaderAreSkippedQuietly() {
        // The header is reported once; its fields (even wrong ones, and their text blocks) are not.
        for header in ["session 2026-02-30: x", "part -fog", "part fog The Fog", "part: fog", "session"] {
            let parsed = MapParser.parse("partsmap 1\n\(header)\n  note: hi\n  bogus: x\n  note:\n    role: y\n  role\nlittle blends self\npart little\n")
            #expect(parsed.diagnostics.map(\.location.line) == [2], "\(header): \(parsed.diagnostics)")
            #expect(parsed.map.items.count == 2, "\(header)")
        }
        // A block that opened fine reports its bad fields.
        let parsed = MapParser.parse("partsmap 1\npart fog\n  bogus: x\n")
        #expect(parsed.diagnostics.map(\.location) == [PartsMap.SourceLocation(line: 3, column: 3)])
    }

    @Test func onlyTheFirstEncodingProblemOfALineIsReported() {
        let bytes = Array("partsmap 1\n# a".utf8) + [0x01, 0xFF, 0x00] + Array("\n# b".utf8) + [0x02, 0x0A]
        let parsed = MapParser.parse(SourceText(bytes))
        #expect(parsed.diagnostics.map(\.location) == [PartsMap.SourceLocation(line: 2, column: 4),
                                                       PartsMap.SourceLocation(line: 3, column: 4)])
        #expect(parsed.diagnostics.map(\.message).allSatisfy { $0.contains("control character") })
    }

    @Test func aBrokenPartHeaderDoesNotDefineItsID() {
        // `part fog The Fog` is reported once: neither the later definition nor references count against it.
        let parsed = MapParser.parse("partsmap 1\npart fog The Fog\nfog blends self\npart fog: The Fog\n")
        #expect(parsed.diagnostics.map(\.location) == [PartsMap.SourceLocation(line: 2, column: 10)], "\(parsed.diagnostics)")
        #expect(parsed.map.parts.map(\.name) == ["The Fog"])
        // Without a good definition anywhere, references to the broken ID are not reported either.
        let alone = MapParser.parse("partsmap 1\npart fog The Fog\nfog blends self\nsession 2026-01-01\n  present: fog\n")
        #expect(alone.diagnostics.map(\.location.line) == [2])
        // A good header followed by a duplicate still reports the duplicate.
        let twice = MapParser.parse("partsmap 1\npart fog\npart fog The Fog\n")
        #expect(twice.diagnostics.map(\.message).contains("part 'fog' is already defined on line 2"))
    }

    // MARK: Error limit

    @Test func stopsAtTheErrorLimit() throws {
        let parsed = MapParser.parse("partsmap 1\n" + String(repeating: "!!!\n", count: 500))
        #expect(parsed.diagnostics.count == MapParser.errorLimit + 1)
        let stop = try #require(parsed.diagnostics.first { $0.message.contains("too many errors") })
        #expect(stop.message == "too many errors (\(MapParser.errorLimit)); stopped reading here")
        #expect(stop.location == PartsMap.SourceLocation(line: MapParser.errorLimit + 1, column: 1))
        #expect(parsed.diagnostics.filter { $0.message.contains("cannot read this line") }.count == MapParser.errorLimit)
        #expect(parsed.diagnostics.map(\.location.line).max() == MapParser.errorLimit + 1)
    }

    @Test func justUnderTheErrorLimitEverythingIsReported() {
        let count = MapParser.errorLimit - 1
        let parsed = MapParser.parse("partsmap 1\n" + String(repeating: "!!!\n", count: count) + "part fog\n")
        #expect(parsed.diagnostics.count == count)
        #expect(!parsed.diagnostics.contains { $0.message.contains("too many errors") })
        #expect(parsed.map.parts.count == 1)
    }

    @Test func errorLimitCountsSeveralErrorsPerLine() throws {
        // Without a header, line 1 has three errors; every other line a NUL byte and an unreadable item.
        let parsed = MapParser.parse(String(repeating: "\u{0}\n", count: 400))
        #expect(parsed.diagnostics.count == MapParser.errorLimit + 1)
        let stop = try #require(parsed.diagnostics.first { $0.message.contains("too many errors") })
        #expect(stop.location.line == 100)
        #expect(parsed.diagnostics.map(\.location.line).max() == 100)
    }

    @Test func errorLimitAppliesToUnknownPartsToo() throws {
        // 300 lines, 600 unknown parts: 200 are reported, then one error says the rest were not.
        let parsed = MapParser.parse("partsmap 1\n" + String(repeating: "a protects b\n", count: 300))
        #expect(parsed.errors.count == MapParser.errorLimit + 1)
        #expect(parsed.errors.filter { $0.message.hasPrefix("unknown part") }.count == MapParser.errorLimit)
        let stop = try #require(parsed.errors.last)
        #expect(stop.message == "too many errors (\(MapParser.errorLimit)); stopped reporting unknown parts")
        #expect(stop.location == PartsMap.SourceLocation(line: 102, column: 1))
    }

    @Test func diagnosticsAreInFileOrder() {
        // Unknown parts are only known at the end of the file, yet they are sorted in with the rest.
        let parsed = MapParser.parse("partsmap 1\nfog blends self\npart little\n  role: exil\nlittle blends ghost\n")
        #expect(parsed.diagnostics.map(\.location) == [
            PartsMap.SourceLocation(line: 2, column: 1), PartsMap.SourceLocation(line: 4, column: 9),
            PartsMap.SourceLocation(line: 5, column: 15),
        ])
    }

    // MARK: Hostile bytes

    /// Every diagnostic points into the source: a line that exists and a column at most one past its end.
    private func expectLocationsInside(_ bytes: [UInt8], _ parsed: ParsedMap,
                                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let source = SourceText(bytes)
        for diagnostic in parsed.diagnostics {
            let line = diagnostic.location.line
            #expect(line >= 1 && line <= max(1, source.lineCount), "\(diagnostic)", sourceLocation: sourceLocation)
            guard let range = source.lineRange(line) else { continue }
            let characters = bytes[range].filter { $0 & 0xC0 != 0x80 }.count
            #expect(diagnostic.location.column >= 1 && diagnostic.location.column <= characters + 1,
                    "\(diagnostic)", sourceLocation: sourceLocation)
        }
    }

    @Test func tenMegabyteLine() {
        let garbage = "partsmap 1\n" + String(repeating: "a", count: 10_000_000)
        let parsed = MapParser.parse(garbage)
        #expect(parsed.diagnostics.map(\.location) == [PartsMap.SourceLocation(line: 2, column: 1)])

        let value = String(repeating: "wet wool, ", count: 1_000_000)
        let long = MapParser.parse("partsmap 1\npart fog\n  job: \(value)\n  feelings: \(value)x\n")
        #expect(long.diagnostics.isEmpty)
        #expect(long.map.parts.first?.jobs.first?.utf8.count == value.utf8.count - 1)
        #expect(long.map.parts.first?.feelings.count == 1_000_001)

        let quotes = MapParser.parse("partsmap 1\npart fog\n  job: " + String(repeating: "\"", count: 10_000_001) + "\n")
        #expect(quotes.diagnostics.isEmpty)
        #expect(quotes.map.parts.first?.jobs.first?.utf8.count == 10_000_001)
    }

    @Test func longLineWithAnErrorAtTheEnd() throws {
        let text = "partsmap 1\npart fog\n  job: " + String(repeating: "é", count: 100_000) + "\u{1}\n"
        let parsed = MapParser.parse(text)
        let first = try #require(parsed.diagnostics.first)
        #expect(first.location == PartsMap.SourceLocation(line: 3, column: 100_008))
        let formatted = DiagnosticFormatter(fileName: "m", source: SourceText(text)).format(first)
        #expect(formatted.hasPrefix("m:3:100008: error: control character U+0001"))
        #expect(formatted.count < 400)
    }

    @Test func randomBytesNeverTrap() {
        var rng = SplitMix64(seed: 0xBAD_B17E5)
        for round in 0..<300 {
            let length = round < 10 ? round : Int.random(in: 0...4096, using: &rng)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let parsed = MapParser.parse(SourceText(bytes))
            #expect(!parsed.diagnostics.isEmpty)
            #expect(parsed.diagnostics.count <= MapParser.errorLimit + 1)
            expectLocationsInside(bytes, parsed)
            _ = DiagnosticFormatter(fileName: "random", source: SourceText(bytes)).format(parsed.diagnostics)
        }
    }

    @Test func randomTextBytesNeverTrap() {
        // Bytes drawn from the characters that matter to the parser, so it gets past the first line.
        let alphabet = Array("partsmap 1\n \t#:,\"\\-> selfsession 2026-01-01 protects fog note:\u{0}\r\u{1}é😀".utf8) + [0xFF, 0xC3]
        var rng = SplitMix64(seed: 42)
        for _ in 0..<300 {
            var bytes = Array("partsmap 1\n".utf8)
            for _ in 0..<Int.random(in: 0...2000, using: &rng) { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
            let parsed = MapParser.parse(SourceText(bytes))
            expectLocationsInside(bytes, parsed)
            _ = MapPrinter.print(parsed.map)
            _ = DiagnosticFormatter(fileName: "x", source: SourceText(bytes)).format(parsed.diagnostics)
        }
    }

    @Test func mutatedValidMapsNeverTrap() {
        var rng = SplitMix64(seed: 7)
        for seed in UInt64(0)..<200 {
            var generator = MapGenerator(seed: seed)
            var bytes = Array(MapPrinter.print(generator.map()).utf8)
            for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0...2, using: &rng) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: index)
                default: bytes.insert(Array(" \t\n#:,\"\\".utf8)[Int.random(in: 0...7, using: &rng)], at: index)
                }
            }
            let parsed = MapParser.parse(SourceText(bytes))
            expectLocationsInside(bytes, parsed)
            // Whatever was recovered prints, and the print reads again without trapping.
            _ = MapParser.parse(MapPrinter.print(parsed.map))
        }
    }

    @Test func onlyNULs() throws {
        let bytes = [UInt8](repeating: 0, count: 10_000)
        let parsed = MapParser.parse(SourceText(bytes))
        let nul = try #require(parsed.diagnostics.first { $0.message.contains("NUL byte") })
        #expect(nul.location == PartsMap.SourceLocation(line: 1, column: 1))
        #expect(parsed.diagnostics.allSatisfy { $0.location == PartsMap.SourceLocation(line: 1, column: 1) })
        #expect(parsed.diagnostics.count == 3)
    }

    @Test func oddButValidWhitespace() {
        let text = "\t \n  partsmap 1 \t\n \t \npart fog:\tThe Fog\t \n\trole:\tmanager\t\n \t status :known\n"
            + "      \n\t\t\n    feelings:a,\tb\t,c\t\n\tnote:\n\t\t\tdeep\n\t\t\n\t\t\tdeeper\t\nfog   blends\tself\t\n"
        let parsed = MapParser.parse(text)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        #expect(parsed.map.parts == [Part(id: PartID("fog")!, name: "The Fog", fields: [
            PartField(.role(.manager)), PartField(.status(.known)), PartField(.feelings(["a", "b", "c"])),
            PartField(.note("deep\n\ndeeper\t")),
        ])])
        #expect(parsed.map.relationships == [Relationship(.part(PartID("fog")!), .blends, .theSelf)])
    }

    @Test func oddWhitespaceThatIsNotBlank() {
        // Vertical tab and form feed are control characters, not indentation.
        let parsed = MapParser.parse("partsmap 1\npart fog\n\u{0B}role: manager\n\u{0C}job: x\n")
        #expect(parsed.diagnostics.map(\.location) == [PartsMap.SourceLocation(line: 3, column: 1),
                                                       PartsMap.SourceLocation(line: 3, column: 1),
                                                       PartsMap.SourceLocation(line: 4, column: 1),
                                                       PartsMap.SourceLocation(line: 4, column: 1)])
        #expect(parsed.diagnostics.contains { $0.location.line == 3 && $0.message.contains("control character U+000B") })
        #expect(parsed.diagnostics.contains { $0.location.line == 4 && $0.message.contains("control character U+000C") })
    }

    // MARK: DiagnosticFormatter

    private func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }

    private func format(_ text: String, file: String = "map.parts") -> String {
        let parsed = MapParser.parse(text)
        return DiagnosticFormatter(fileName: file, source: SourceText(text)).format(parsed.diagnostics)
    }

    @Test func formatterShowsTheLineAndACaret() {
        #expect(format("partsmap 1\n\npart fog: The Fog\n  role: manger\n") == """
            map.parts:4:9: error: unknown role 'manger'; did you mean 'manager'?
                role: manger
                      ^
            """)
        #expect(format("partsmap 1\n\npart fog: The Fog\npart little: Little One\n\nfog protects litle\n") == """
            map.parts:6:14: error: unknown part 'litle'; did you mean 'little'?
              fog protects litle
                           ^
            """)
    }

    @Test func formatterSortsAndJoinsSeveralDiagnostics() {
        let text = "partsmap 1\n\npart fog: The Fog\n  burden family: \"we do not cry\"\n  feelings: flat,, tired\n"
        #expect(format(text, file: "dir/m.parts") == """
            dir/m.parts:4:10: error: unknown burden kind 'family'; kinds are personal, legacy, cultural
                burden family: "we do not cry"
                       ^
            dir/m.parts:5:18: error: empty item in the list (two commas, or a comma at the end)
                feelings: flat,, tired
                               ^
            """)
        let source = SourceText(text)
        let formatter = DiagnosticFormatter(fileName: "f", source: source)
        let unsorted = [Diagnostic.warning("second", at: .init(line: 5, column: 3)),
                        Diagnostic.error("first", at: .init(line: 1, column: 1))]
        #expect(formatter.format(unsorted) == "f:1:1: error: first\n  partsmap 1\n  ^\nf:5:3: warning: second\n    feelings: flat,, tired\n    ^")
    }

    @Test func formatterCountsColumnsInCharacters() {
        let bytes = Array("partsmap 1\npart fog\n  job: é😀x".utf8) + [0xC3]
        let parsed = MapParser.parse(SourceText(bytes))
        let text = DiagnosticFormatter(fileName: "m", source: SourceText(bytes)).format(parsed.diagnostics)
        #expect(text == "m:3:11: error: invalid UTF-8 (byte 0xC3); save the map as UTF-8\n    job: é😀x\u{FFFD}\n" + spaces(2 + 10) + "^")
    }

    @Test func formatterShowsTabsAsSpacesAndControlsAsReplacement() {
        #expect(format("partsmap 1\npart fog\n\trole: manger\n")
                == "map.parts:3:8: error: unknown role 'manger'; did you mean 'manager'?\n   role: manger\n" + spaces(2 + 7) + "^")
        #expect(format("partsmap 1\npart fog\n  job: a\u{1}b\n")
                == "map.parts:3:9: error: control character U+0001 is not allowed; inside quotes write \\u{1}\n    job: a\u{FFFD}b\n"
                + spaces(2 + 8) + "^")
    }

    @Test func formatterLeavesOutCarriageReturns() {
        #expect(format("partsmap 1\r\npart fog\r\n  role: manger\r\n", file: "crlf.parts") == """
            crlf.parts:3:9: error: unknown role 'manger'; did you mean 'manager'?
                role: manger
                      ^
            """)
    }

    @Test func formatterCutsLongLines() {
        let digits = (0..<1000).map { String($0 % 10) }.joined()
        let source = SourceText(digits)
        let formatter = DiagnosticFormatter(fileName: "f", source: source)
        let middle = Array(digits.unicodeScalars)
        let window = String(String.UnicodeScalarView(middle[449..<649]))
        #expect(formatter.format(Diagnostic.error("m", at: .init(line: 1, column: 500)))
                == "f:1:500: error: m\n  …" + window + "…\n  " + String(repeating: " ", count: 51) + "^")
        let end = String(String.UnicodeScalarView(middle[899...]))
        #expect(formatter.format(Diagnostic.error("m", at: .init(line: 1, column: 950)))
                == "f:1:950: error: m\n  …" + end + "\n  " + String(repeating: " ", count: 51) + "^")
        let start = String(String.UnicodeScalarView(middle[..<200]))
        #expect(formatter.format(Diagnostic.error("m", at: .init(line: 1, column: 100)))
                == "f:1:100: error: m\n  " + start + "…\n  " + String(repeating: " ", count: 99) + "^")
    }

    @Test func formatterIgnoresTheByteOrderMark() {
        // Columns on line 1 are counted after the BOM; the excerpt should neither show it nor shift the caret.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("partsmap 2\n".utf8)
        let parsed = MapParser.parse(SourceText(bytes))
        let text = DiagnosticFormatter(fileName: "m", source: SourceText(bytes)).format(parsed.diagnostics)
        #expect(text.hasPrefix("m:1:10: error: this map is in format version 2"))
        #expect(text == "m:1:10: error: this map is in format version 2; this partsmap reads version 1\n  partsmap 2\n"
                + spaces(2 + 9) + "^")
    }

    @Test func formatterWithoutASourceLine() {
        let formatter = DiagnosticFormatter(fileName: "f.parts", source: SourceText("partsmap 1\n"))
        #expect(formatter.format(Diagnostic.warning("gone", at: .init(line: 9, column: 2))) == "f.parts:9:2: warning: gone")
        #expect(formatter.format([Diagnostic]()) == "")
    }
}
