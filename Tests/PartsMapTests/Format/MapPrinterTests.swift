import Foundation
import Testing
@testable import PartsMap

/// Writing maps as canonical `.parts` text.
@Suite("MapPrinter: canonical form")
struct MapPrinterTests {
    private let fog = PartID("fog")!
    private let little = PartID("little")!

    private func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// Prints `map`, reads it back, and checks it is the same map.
    private func expectRoundTrip(_ map: SystemMap, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let text = MapPrinter.print(map)
        let parsed = MapParser.parse(text)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)\n\(text)", sourceLocation: sourceLocation)
        #expect(parsed.map == map, "\(text)", sourceLocation: sourceLocation)
        #expect(MapPrinter.print(parsed.map) == text, sourceLocation: sourceLocation)
    }

    // MARK: Exact output

    @Test func canonicalOutputForASmallMap() {
        let map = SystemMap(items: [
            .field(MapField(key: "title", value: "Sam")),
            .field(MapField(key: "x-clinician", value: "A. N. Other")),
            .selfBlock(SelfBlock(fields: [SelfField(.note("calm")), SelfField(.custom(key: "x-anchor", value: "garden"))])),
            .part(Part(id: fog, name: "The Fog", fields: [
                PartField(.role(.manager)),
                PartField(.selfLike(false)),
                PartField(.feelings(["flat", "heavy, wet"])),
                PartField(.beliefs("feeling is dangerous")),
                PartField(.burden(Burden(.legacy, "we don't cry", state: .witnessed))),
                PartField(.burden(Burden(.personal, "I don't matter"))),
                PartField(.job("first\nsecond"), comments: Comments(leading: [" what it does"])),
                PartField(.status(.befriended), comments: Comments(trailing: " since June")),
                PartField(.tags([])),
            ], comments: Comments(leading: [" protector"], trailing: " c"))),
            .part(Part(id: little)),
            .relationship(Relationship(.part(fog), .protects, .part(little))),
            .relationship(Relationship(.part(fog), .blends, .theSelf, note: "early on")),
            .relationship(Relationship(.theSelf, .allied, .part(little), comments: Comments(leading: [" grouped apart"]))),
            .session(Session(date: date("2026-11-19"), title: "Session 1", fields: [
                SessionField(.present([fog, little])),
                SessionField(.selfEnergy([QualityRating(.calm, 5), QualityRating(.curiosity, 6)])),
                SessionField(.selfPresence([QualityRating(.patience, 3)])),
                SessionField(.statusChange(StatusChange(part: fog, from: .known, to: .befriended))),
                SessionField(.statusChange(StatusChange(part: little, to: .noticed, note: "hi"))),
                SessionField(.sixFs(part: fog, step: .fleshOut)),
                SessionField(.unburdening(UnburdeningRecord(part: little, step: .doOver))),
                SessionField(.homework("x")),
                SessionField(.note("line1\n\n  line2"), comments: Comments(trailing: " after")),
                SessionField(.custom(key: "x-phq9", value: "16")),
            ])),
        ], headerComments: Comments(leading: [" Sam's map"], trailing: " v1"), closingComments: [" end", ""])

        #expect(MapPrinter.print(map) == """
            # Sam's map
            partsmap 1  # v1
            title: Sam
            x-clinician: A. N. Other

            self
              note: calm
              x-anchor: garden

            # protector
            part fog: The Fog  # c
              role: manager
              self-like: no
              feelings: flat, "heavy, wet"
              beliefs: "feeling is dangerous"
              burden legacy witnessed: "we don't cry"
              burden personal: "I don't matter"
              # what it does
              job:
                first
                second
              status: befriended  # since June
              tags:

            part little

            fog protects little
            fog blends self: early on

            # grouped apart
            self allied little

            session 2026-11-19: Session 1
              present: fog, little
              self: calm 5, curiosity 6
              5ps: patience 3
              status fog: known -> befriended
              status little: noticed: hi
              6fs fog: flesh-out
              unburdening little: do-over
              homework: x
              note:  # after
                line1

                  line2
              x-phq9: 16

            # end
            #

            """)
        expectRoundTrip(map)
    }

    @Test func emptyMap() {
        #expect(MapPrinter.print(SystemMap()) == "partsmap 1\n")
        #expect(MapPrinter.print(SystemMap(closingComments: [" only"])) == "partsmap 1\n\n# only\n")
        #expect(MapPrinter.print(SystemMap(headerComments: Comments(leading: ["a"]))) == "#a\npartsmap 1\n")
    }

    @Test func messyInputIsFormattedCanonically() {
        // The example of docs/format.md, section 12.
        let messy = """
            # Sam's map
            partsmap 1    # format version
            title:   Sam — working with numbness
            part fog :The Fog
            \trole:manager
                feelings: flat ,tired
              beliefs: feeling is dangerous


              burden legacy carried: we don't cry   # from mum
            fog protects little
            fog polarized critic  :  rest versus work
            part little: Little One
              role: exile
            part critic
            session 2026-11-19:   Session 11
              self: calm  5,curiosity 6
              note:
                  first line
                    more
            """
        let canonical = """
            # Sam's map
            partsmap 1  # format version
            title: Sam — working with numbness

            part fog: The Fog
              role: manager
              feelings: flat, tired
              beliefs: "feeling is dangerous"
              burden legacy: "we don't cry"  # from mum

            fog protects little
            fog polarized critic: rest versus work

            part little: Little One
              role: exile

            part critic

            session 2026-11-19: Session 11
              self: calm 5, curiosity 6
              note:
                first line
                  more

            """
        let map = TestSupport.parseValid(messy)
        #expect(MapPrinter.print(map) == canonical)
        #expect(TestSupport.parseValid(canonical) == map)
    }

    @Test func normalisesNumbersSpacingAndDefaults() {
        let map = TestSupport.parseValid("""
            partsmap 1
            part fog
              burden  cultural   carried :x
            session 2026-01-01 :t
              self:courage +5,calm 05 ,  clarity -0
              status   fog :known   ->befriended:   why\u{20}\u{20}
              present:fog,fog
            fog  blends   self  :  note
            """)
        #expect(MapPrinter.print(map) == """
            partsmap 1

            part fog
              burden cultural: "x"

            session 2026-01-01: t
              self: courage 5, calm 5, clarity 0
              status fog: known -> befriended: why
              present: fog, fog

            fog blends self: note

            """)
    }

    // MARK: Stability and comments

    @Test func printingIsStable() {
        for text in [MapParserTests.sample, Self.commented] {
            let map = TestSupport.parseValid(text)
            let once = MapPrinter.print(map)
            let parsed = MapParser.parse(once)
            #expect(parsed.diagnostics.isEmpty)
            #expect(parsed.map == map)
            #expect(MapPrinter.print(parsed.map) == once)
        }
    }

    @Test func outputIsPlainLFTextEndingInOneNewline() {
        let crlf = MapParserTests.sample.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let text = MapPrinter.print(TestSupport.parseValid("\u{FEFF}" + crlf))
        #expect(!text.utf8.contains(0x0D))
        #expect(!text.hasPrefix("\u{FEFF}"))
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
        #expect(text == MapPrinter.print(TestSupport.parseValid(MapParserTests.sample)))
    }

    static let commented = """
        # header one
        #header two
        partsmap 1 #after header
        # title comment
        title: t  # trailing title
        # before self
        self  # self trailing
          # self field
          note: n  # note trailing
        # before part
        part fog: Fog  # part trailing
          # field comment
          role: manager  # role trailing
          # another
          note:  # block trailing
            # not a comment
            text
          # after the last field
        fog blends self  # rel trailing
        session 2026-01-01  # session trailing
          # field
          homework: h  # hw trailing
        # closing
        """

    @Test func commentsSurviveInPlace() {
        let text = MapPrinter.print(TestSupport.parseValid(Self.commented))
        #expect(text == """
            # header one
            #header two
            partsmap 1  #after header

            # title comment
            title: t  # trailing title

            # before self
            self  # self trailing
              # self field
              note: n  # note trailing

            # before part
            part fog: Fog  # part trailing
              # field comment
              role: manager  # role trailing
              # another
              note:  # block trailing
                # not a comment
                text

            # after the last field
            fog blends self  # rel trailing

            session 2026-01-01  # session trailing
              # field
              homework: h  # hw trailing

            # closing

            """)
    }

    @Test func commentsOfEveryItemAndFieldKindSurvive() {
        func c(_ name: String) -> Comments { Comments(leading: [" above \(name)", ""], trailing: " after \(name)") }
        let map = SystemMap(items: [
            .field(MapField(key: "title", value: "t", comments: c("title"))),
            .field(MapField(key: "x-k", value: "", comments: c("x-k"))),
            .selfBlock(SelfBlock(fields: [SelfField(.note(""), comments: c("self note")),
                                          SelfField(.custom(key: "x-s", value: "v"), comments: c("x-s"))], comments: c("self"))),
            .part(Part(id: fog, name: nil, fields: [
                PartField(.role(.exile), comments: c("role")), PartField(.selfLike(true), comments: c("self-like")),
                PartField(.age("7"), comments: c("age")), PartField(.feelings(["a"]), comments: c("feelings")),
                PartField(.feelings([]), comments: c("empty feelings")),
                PartField(.beliefs("b"), comments: c("beliefs")), PartField(.burden(Burden(.legacy, "")), comments: c("burden")),
                PartField(.status(.known), comments: c("status")), PartField(.tags(["t", ""]), comments: c("tags")),
                PartField(.note("a\nb"), comments: c("note")), PartField(.custom(key: "x-p", value: "\""), comments: c("x-p")),
            ], comments: c("part"))),
            .relationship(Relationship(.part(fog), .triggers, .theSelf, comments: c("relationship"))),
            .relationship(Relationship(.part(fog), .triggers, .part(fog), note: "n", comments: c("noted relationship"))),
            .session(Session(date: date("2026-01-01"), title: "", fields: [
                SessionField(.present([]), comments: c("present")), SessionField(.selfEnergy([]), comments: c("self")),
                SessionField(.selfPresence([QualityRating(.presence, -1)]), comments: c("5ps")),
                SessionField(.statusChange(StatusChange(part: fog, to: .known)), comments: c("status")),
                SessionField(.statusChange(StatusChange(part: fog, to: .known, note: "")), comments: c("status note")),
                SessionField(.sixFs(part: fog, step: .fears), comments: c("6fs")),
                SessionField(.unburdening(UnburdeningRecord(part: fog, step: .integration)), comments: c("unburdening")),
                SessionField(.homework("h"), comments: c("homework")), SessionField(.note(""), comments: c("note")),
                SessionField(.custom(key: "x-q", value: "1"), comments: c("x-q")),
            ], comments: c("session"))),
        ], headerComments: c("header"), closingComments: ["", " last"])
        expectRoundTrip(map)
        let text = MapPrinter.print(map)
        #expect(text.components(separatedBy: "# above ").count - 1 == 31)
        #expect(text.components(separatedBy: "# after ").count - 1 == 31)
    }

    // MARK: Quoting

    @Test(arguments: [
        ("plain words", false, true), ("", false, false), (" leading blank", false, false), ("trailing blank ", false, false),
        ("\ttab first", false, false), ("tab\tinside", false, false), ("#first", false, false), ("a # b", false, false),
        ("a #", false, false), ("a\t#\tb", false, false), ("a #b", false, true), ("a  #b", false, false), ("a \t#b", false, false), ("a  b #c", false, true), ("C#", false, true), ("a#", false, true),
        ("#", false, false), ("a, b", false, true), ("a, b", true, false), ("\"lazy\" versus \"needs rest\"", false, true),
        ("\"quoted\"", false, false), ("\"quoted\" # c", false, false), ("\"quoted\"#c", false, false),
        ("\"a\",", false, true), ("\"a\", b", true, false), ("\"\\q\"", false, true), ("\"unterminated", false, true),
        ("\"\\u{41}\"", false, false), ("\"\\u{110000}\"", false, true), ("\"a\\\"b\"", false, false),
        ("line\nbreak", false, false), ("cr\rhere", false, false), ("nul\u{0}", false, false), ("del\u{7F}", false, false),
        ("\u{FFFE}", false, true), ("e\u{301}", false, true), ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", false, true),
        ("\u{05E9}\u{05DC}\u{05D5}\u{05DD}", false, true), ("back\\slash\\", false, true), ("]]> &amp; <script>", false, true),
        ("\\N \\G \\l", false, true), ("\"]; x [label=\"", false, false), ("\"a\" [label=\"", false, true), ("\"a\"", true, false), ("b\"", true, true), ("x: y", false, true),
    ] as [(String, Bool, Bool)])
    func canBeBare(_ text: String, _ isListItem: Bool, _ expected: Bool) {
        #expect(MapText.canBeBare(text, isListItem: isListItem) == expected)
        #expect(MapText.inline(text, isListItem: isListItem) == (expected ? text : MapText.quoted(text)))
    }

    @Test func quotedEscapes() {
        #expect(MapText.quoted("") == "\"\"")
        #expect(MapText.quoted("a\\b\"c\nd\re\tf") == #""a\\b\"c\nd\re\tf""#)
        #expect(MapText.quoted("\u{0}\u{1B}\u{7F}\u{1F}") == #""\u{0}\u{1B}\u{7F}\u{1F}""#)
        #expect(MapText.quoted("é😀 # \u{FFFE}\u{85}") == "\"é😀 # \u{FFFE}\u{85}\"")
    }

    @Test(arguments: [
        ("a\nb", true), ("a", false), ("\na", false), ("a\n", false), (" a\nb", false), ("\ta\nb", false), ("a\n b", true),
        ("a\n\nb", true), ("a\n \nb", false), ("a\n\t\nb", false), ("a\n\tb", true), ("a\n\u{1}b", false),
        ("a\r\nb", false), ("# a\nb", true), ("a \nb", false), ("a\nb\t", false), ("\"q\"\nb", true), ("a\n\n\nb", true),
    ] as [(String, Bool)])
    func canBeBlock(_ text: String, _ expected: Bool) {
        #expect(MapText.canBeBlock(text) == expected)
    }

    @Test func multiLineTextThatCannotBeABlockIsQuoted() {
        let map = SystemMap(items: [.part(Part(id: fog, fields: [
            PartField(.note("\nstarts empty")), PartField(.note(" starts blank\nx")), PartField(.note("a\n \nb")),
            PartField(.note("ends\n")),
        ]))])
        #expect(MapPrinter.print(map) == """
            partsmap 1

            part fog
              note: "\\nstarts empty"
              note: " starts blank\\nx"
              note: "a\\n \\nb"
              note: "ends\\n"

            """)
        expectRoundTrip(map)
    }

    @Test func beliefsAndBurdensArePrintedQuoted() {
        let map = SystemMap(items: [.part(Part(id: fog, fields: [
            PartField(.beliefs("plain")), PartField(.burden(Burden(.personal, "plain"))),
            PartField(.burden(Burden(.cultural, "with \"quotes\"", state: .released))), PartField(.job("plain")),
            PartField(.beliefs("two\nlines")), PartField(.beliefs("")),
        ]))])
        #expect(MapPrinter.print(map) == """
            partsmap 1

            part fog
              beliefs: "plain"
              burden personal: "plain"
              burden cultural released: "with \\"quotes\\""
              job: plain
              beliefs:
                two
                lines
              beliefs:

            """)
        expectRoundTrip(map)
    }

    @Test func emptyAndMissingValues() {
        let map = SystemMap(items: [
            .part(Part(id: fog, name: "")), .part(Part(id: little, name: nil)),
            .session(Session(date: date("2026-01-01"), title: "")), .session(Session(date: date("2026-01-02"), title: nil)),
            .relationship(Relationship(.part(fog), .blends, .theSelf, note: "")),
            .part(Part(id: PartID("p")!, fields: [PartField(.job("")), PartField(.feelings([""])), PartField(.tags([]))])),
        ])
        #expect(MapPrinter.print(map) == """
            partsmap 1

            part fog: ""

            part little

            session 2026-01-01: ""

            session 2026-01-02

            fog blends self: ""

            part p
              job:
              feelings: ""
              tags:

            """)
        expectRoundTrip(map)
    }

    /// Strings that have broken text formats before.
    static let hostile: [String] = [
        "\"", "\"\"", "\"quoted\"", "\\", "trailing backslash\\", "\\N \\G \\l", "\"]; x [label=\"", "<script>alert(1)</script>",
        "&amp;", "]]>", "line\nbreak", "two\n\nblank", "\r", "cr\rlf\r\n", "\ttab", "tab\t", " leading", "trailing ", " # ",
        "a # b", "#", "x #", "# x", "\u{05E9}\u{05DC}\u{05D5}\u{05DD} \u{0645}\u{0631}\u{062D}\u{0628}\u{0627}",
        "\u{202E}reversed", "e\u{301}", "\u{301}combining first", "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{FFFE}",
        "\u{FEFF}bom", "\u{0}", "\u{7F}", "\u{1B}[31m", "\u{85}", "\u{2028}", "a, b", ",", "\"lazy\" versus \"needs rest\"",
        "\"\\u{41}\"", "\"\\q\"", "\"unterminated", "\"a\" # c", "\"a\"#c", "x:", ": y", "partsmap 1", "part fog: x",
        "known -> befriended", "  indented\n  block", "a\n  deeper\nb", "# not a comment\nin a block", "\u{10FFFF}", "",
    ]

    @Test(arguments: hostile)
    func hostileTextRoundTripsInEveryPosition(_ text: String) {
        let map = SystemMap(items: [
            .field(MapField(key: "title", value: text, comments: Comments(trailing: " t"))),
            .field(MapField(key: "x-top", value: text)),
            .selfBlock(SelfBlock(fields: [SelfField(.note(text)), SelfField(.custom(key: "x-s", value: text))])),
            .part(Part(id: fog, name: text, fields: [
                PartField(.age(text)), PartField(.body(text)), PartField(.feelings([text, text, "x"])), PartField(.beliefs(text)),
                PartField(.job(text), comments: Comments(trailing: " after")), PartField(.intent(text)), PartField(.fears(text)),
                PartField(.burden(Burden(.legacy, text, state: .witnessed))), PartField(.trailheads(text)),
                PartField(.tags([text])), PartField(.note(text)), PartField(.custom(key: "x-p", value: text)),
            ], comments: Comments(trailing: ""))),
            .relationship(Relationship(.part(fog), .polarized, .theSelf, note: text, comments: Comments(trailing: " r"))),
            .session(Session(date: date("2026-11-19"), title: text, fields: [
                SessionField(.statusChange(StatusChange(part: fog, from: .known, to: .noticed, note: text))),
                SessionField(.homework(text)), SessionField(.note(text)), SessionField(.custom(key: "x-q", value: text)),
            ])),
        ])
        expectRoundTrip(map)
    }
}
