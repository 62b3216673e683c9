import Testing
@testable import PartsMap

/// Reading every construct of the `.parts` format into the model (docs/format.md).
@Suite("MapParser: every construct")
struct MapParserTests {
    // MARK: Helpers

    private func part(_ map: SystemMap, _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Part? {
        guard let partID = PartID(id), let part = map.part(partID) else {
            Issue.record("no part '\(id)'", sourceLocation: sourceLocation)
            return nil
        }
        return part
    }

    private func id(_ raw: String) -> PartID { PartID(raw)! }

    private func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// The fields of the single part of a map made of `partsmap 1`, `part p` and `lines`.
    private func partFields(_ lines: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [PartField] {
        let map = TestSupport.parseValid("partsmap 1\npart p\n" + lines, sourceLocation: sourceLocation)
        #expect(map.parts.count == 1, sourceLocation: sourceLocation)
        return map.parts.first?.fields ?? []
    }

    private func sessionFields(_ lines: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [SessionField] {
        let map = TestSupport.parseValid(
            "partsmap 1\npart fog\npart little\nsession 2026-11-19\n" + lines, sourceLocation: sourceLocation)
        #expect(map.sessions.count == 1, sourceLocation: sourceLocation)
        return map.sessions.first?.fields ?? []
    }

    // MARK: Header

    @Test func headerAloneIsAnEmptyMap() {
        let map = TestSupport.parseValid("partsmap 1\n")
        #expect(map == SystemMap())
        #expect(map.title == nil)
        #expect(map.selfBlock == nil)
    }

    @Test func headerWithoutFinalNewline() {
        let parsed = MapParser.parse("partsmap 1")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.map == SystemMap())
    }

    @Test func headerCommentsLeadingAndTrailing() {
        let map = TestSupport.parseValid("# Sam's map\n#\n#  indented\n\npartsmap 1    # format version\n")
        #expect(map.headerComments == Comments(leading: [" Sam's map", "", "  indented"], trailing: " format version"))
        #expect(map.items.isEmpty)
        #expect(map.closingComments.isEmpty)
    }

    @Test func headerMayFollowBlankLinesAndBeIndented() {
        let map = TestSupport.parseValid("\n   \n\t\n  partsmap 1\ntitle: t\n")
        #expect(map.title == "t")
    }

    // MARK: Comments

    @Test func commentsAttachToTheNextThing() throws {
        let text = """
            partsmap 1
            # above the title
            title: Sam  # after the title

            # above the part
            #second line
            part fog: The Fog  # after the header
              # above role
              role: manager  # after role
              # above job
              #
              job: numbs # things
              # after the last field: belongs to the relationship

            fog blends self  #no blank needed after a word
            # closing one
            #closing two
            """
        let map = TestSupport.parseValid(text)
        #expect(map.items.count == 3)
        guard case .field(let title) = map.items[0] else { Issue.record("title"); return }
        #expect(title == MapField(key: "title", value: "Sam", comments: Comments(leading: [" above the title"],
                                                                                  trailing: " after the title")))
        let fog = try #require(part(map, "fog"))
        #expect(fog.comments == Comments(leading: [" above the part", "second line"], trailing: " after the header"))
        #expect(fog.fields == [
            PartField(.role(.manager), comments: Comments(leading: [" above role"], trailing: " after role")),
            PartField(.job("numbs"), comments: Comments(leading: [" above job", ""], trailing: " things")),
        ])
        #expect(map.relationships == [
            Relationship(.part(id("fog")), .blends, .theSelf,
                         comments: Comments(leading: [" after the last field: belongs to the relationship"],
                                            trailing: "no blank needed after a word")),
        ])
        #expect(map.closingComments == [" closing one", "closing two"])
    }

    @Test func commentAfterLastFieldAtEndOfFileIsClosing() throws {
        let map = TestSupport.parseValid("partsmap 1\npart fog\n  role: manager\n  # trailing thoughts\n")
        #expect(try #require(part(map, "fog")).fields == [PartField(.role(.manager))])
        #expect(map.closingComments == [" trailing thoughts"])
    }

    @Test func commentTextIsKeptExactly() {
        let map = TestSupport.parseValid("partsmap 1\n#\t# not nested \"quoted\" \\ trailing blanks  \ntitle: t\n")
        #expect(map.items.first?.comments.leading == ["\t# not nested \"quoted\" \\ trailing blanks  "])
    }

    @Test func whereAHashStartsAComment() throws {
        let fields = partFields("""
              job: plays C# minor scales, and calls itself #1  # this part is a comment
              trailheads: waking at 4 a.m. #
              body: a#b
              fears: a #b
              x-two: a  #b
              intent: a\t#\tb
              note: #
              age: # only a comment
            """)
        #expect(fields == [
            PartField(.job("plays C# minor scales, and calls itself #1"),
                      comments: Comments(trailing: " this part is a comment")),
            PartField(.trailheads("waking at 4 a.m."), comments: Comments(trailing: "")),
            PartField(.body("a#b")),
            PartField(.fears("a #b")),
            PartField(.custom(key: "x-two", value: "a"), comments: Comments(trailing: "b")),
            PartField(.intent("a"), comments: Comments(trailing: "\tb")),
            PartField(.note(""), comments: Comments(trailing: "")),
            PartField(.age(""), comments: Comments(trailing: " only a comment")),
        ])
    }

    @Test func commentsInsideSessionsAndSelf() throws {
        let map = TestSupport.parseValid("""
            partsmap 1
            self  # the Self
              # why
              note: calm  # c
            part fog
            session 2026-01-02: S  # header
              # who came
              present: fog  # just fog
            """)
        #expect(map.selfBlock == SelfBlock(fields: [SelfField(.note("calm"), comments: Comments(leading: [" why"], trailing: " c"))],
                                           comments: Comments(trailing: " the Self")))
        #expect(map.sessions.first?.comments == Comments(trailing: " header"))
        #expect(map.sessions.first?.fields == [
            SessionField(.present([id("fog")]), comments: Comments(leading: [" who came"], trailing: " just fog")),
        ])
    }

    // MARK: Title and custom keys

    @Test func titleAndTopLevelCustomKeys() {
        let map = TestSupport.parseValid("""
            partsmap 1
            title:   Sam — working with numbness\u{20}\u{20}
            x-clinician: A. N. Other, weekly sessions
            x-a.b_c-9: "  quoted  "
            x-empty:
            """)
        #expect(map.title == "Sam — working with numbness")
        #expect(map.items == [
            .field(MapField(key: "title", value: "Sam — working with numbness")),
            .field(MapField(key: "x-clinician", value: "A. N. Other, weekly sessions")),
            .field(MapField(key: "x-a.b_c-9", value: "  quoted  ")),
            .field(MapField(key: "x-empty", value: "")),
        ])
    }

    @Test func customKeysInPartsSessionsAndSelf() {
        let map = TestSupport.parseValid("""
            partsmap 1
            self
              x-anchor: hands in the soil
            part fog
              x-colour: grey
              x-colour: darker grey
            session 2026-11-19
              x-phq9: 16
            """)
        #expect(map.selfBlock?.fields == [SelfField(.custom(key: "x-anchor", value: "hands in the soil"))])
        #expect(map.parts.first?.fields == [
            PartField(.custom(key: "x-colour", value: "grey")), PartField(.custom(key: "x-colour", value: "darker grey")),
        ])
        #expect(map.parts.first?.customFields.map(\.value) == ["grey", "darker grey"])
        #expect(map.sessions.first?.fields == [SessionField(.custom(key: "x-phq9", value: "16"))])
    }

    // MARK: Self block

    @Test func selfBlockWithNotes() {
        let map = TestSupport.parseValid("""
            partsmap 1
            self
              note: Calm shows up when Sam talks about the garden.
              note:
                Self is easy to mistake for the Observer part.
                The difference is warmth.
            """)
        #expect(map.selfBlock == SelfBlock(fields: [
            SelfField(.note("Calm shows up when Sam talks about the garden.")),
            SelfField(.note("Self is easy to mistake for the Observer part.\nThe difference is warmth.")),
        ]))
        #expect(map.selfBlock?.notes.count == 2)
    }

    @Test func emptySelfBlock() {
        let map = TestSupport.parseValid("partsmap 1\nself\n")
        #expect(map.items == [.selfBlock(SelfBlock())])
    }

    // MARK: Parts

    @Test func partHeaderWithAndWithoutName() {
        let map = TestSupport.parseValid("""
            partsmap 1
            part fog: The Fog
            part critic
            part empty:
            part blank:\u{20}\u{20}\u{20}
            part quoted-empty: ""
            part spaced: "  Little One  "
            part loose :The Loose One
            part Fog_2-x: Capital
            """)
        #expect(map.parts.map(\.id.rawValue) == ["fog", "critic", "empty", "blank", "quoted-empty", "spaced", "loose", "Fog_2-x"])
        #expect(map.parts.map(\.name) == ["The Fog", nil, nil, nil, "", "  Little One  ", "The Loose One", "Capital"])
        #expect(map.parts.map(\.displayName) == ["The Fog", "critic", "empty", "blank", "", "  Little One  ", "The Loose One", "Capital"])
        #expect(map.parts.allSatisfy { $0.fields.isEmpty })
    }

    @Test func partIDsAreCaseSensitiveAndMayBeLong() {
        let long = String(repeating: "a", count: 63) + "Z"
        let map = TestSupport.parseValid("partsmap 1\npart fog\npart Fog\npart \(long)\n")
        #expect(map.parts.map(\.id.rawValue) == ["fog", "Fog", long])
    }

    @Test func everyPartField() throws {
        let fields = partFields("""
              role: manager
              self-like: yes
              age: feels about 8
              body: heavy grey behind the eyes
              feelings: flat, tired, watchful
              beliefs: "If Sam feels one thing, Sam will feel everything."
              job: turns every feeling down before it gets big
              intent: keeps the grief from flooding Sam
              fears: if it lifts, Sam will fall into the sadness
              burden legacy: "We don't cry in this family."
              trailheads: going blank when someone asks
              trailheads: weekends
              status: befriended
              tags: numbness, central
              note: The Fog is not the depression itself.
              x-colour: grey
            """)
        #expect(fields.map(\.value) == [
            .role(.manager), .selfLike(true), .age("feels about 8"), .body("heavy grey behind the eyes"),
            .feelings(["flat", "tired", "watchful"]), .beliefs("If Sam feels one thing, Sam will feel everything."),
            .job("turns every feeling down before it gets big"), .intent("keeps the grief from flooding Sam"),
            .fears("if it lifts, Sam will fall into the sadness"),
            .burden(Burden(.legacy, "We don't cry in this family.", state: .carried)),
            .trailheads("going blank when someone asks"), .trailheads("weekends"), .status(.befriended),
            .tags(["numbness", "central"]), .note("The Fog is not the depression itself."),
            .custom(key: "x-colour", value: "grey"),
        ])
        #expect(fields.allSatisfy { $0.comments.isEmpty })
        #expect(fields.map(\.value.key) == [
            "role", "self-like", "age", "body", "feelings", "beliefs", "job", "intent", "fears", "burden",
            "trailheads", "trailheads", "status", "tags", "note", "x-colour",
        ])
    }

    @Test func partAccessors() throws {
        let map = TestSupport.parseValid("""
            partsmap 1
            part fog: The Fog
              role: firefighter
              self-like: no
              age: 7
              feelings: a, b
              feelings: c
              tags: t1
              tags: t2, t3
              status: integrated
              burden cultural released: "x"
              burden personal: y
            part bare
            """)
        let fog = try #require(part(map, "fog"))
        #expect(fog.role == .firefighter)
        #expect(fog.isSelfLike == false)
        #expect(fog.age == "7")
        #expect(fog.feelings == ["a", "b", "c"])
        #expect(fog.tags == ["t1", "t2", "t3"])
        #expect(fog.status == .integrated)
        #expect(fog.burdens == [Burden(.cultural, "x", state: .released), Burden(.personal, "y")])
        let bare = try #require(part(map, "bare"))
        #expect(bare.role == .unknown)
        #expect(bare.isSelfLike == false)
        #expect(bare.status == nil)
        #expect(bare.age == nil)
    }

    @Test(arguments: Role.allCases)
    func everyRole(_ role: Role) {
        #expect(partFields("  role: \(role.rawValue)\n").map(\.value) == [.role(role)])
    }

    @Test(arguments: PartStatus.allCases)
    func everyPartStatus(_ status: PartStatus) {
        #expect(partFields("  status: \(status.rawValue)\n").map(\.value) == [.status(status)])
    }

    @Test func selfLikeYesNoAndQuoted() {
        #expect(partFields("  self-like: yes\n").map(\.value) == [.selfLike(true)])
        #expect(partFields("  self-like: no  # c\n").map(\.value) == [.selfLike(false)])
        #expect(partFields("  self-like: \"yes\"\n").map(\.value) == [.selfLike(true)])
    }

    @Test func burdensWithEveryKindAndState() {
        let fields = partFields("""
              burden personal: "I don't matter."
              burden legacy witnessed: "Don't be a bother."
              burden cultural released: Your worth is what you produce.
              burden legacy carried: explicit carried
              burden  personal   witnessed : spaced out
              burden personal:
                two
                lines
            """)
        #expect(fields.map(\.value) == [
            .burden(Burden(.personal, "I don't matter.")),
            .burden(Burden(.legacy, "Don't be a bother.", state: .witnessed)),
            .burden(Burden(.cultural, "Your worth is what you produce.", state: .released)),
            .burden(Burden(.legacy, "explicit carried", state: .carried)),
            .burden(Burden(.personal, "spaced out", state: .witnessed)),
            .burden(Burden(.personal, "two\nlines")),
        ])
    }

    @Test func blanksAroundColonsAndTabIndentation() {
        let fields = partFields("\trole :manager\n    feelings: flat ,tired\n \t status :  known\n")
        #expect(fields.map(\.value) == [.role(.manager), .feelings(["flat", "tired"]), .status(.known)])
    }

    // MARK: Lists

    @Test func listsWithQuotedItems() {
        let fields = partFields("""
              feelings: flat, tired, "heavy, like wet wool"
              tags: "a, b",c  ,  "", "with \\"quotes\\"" , "x"
              feelings:
              tags: "only one"  # c
              feelings: "quoted"# right after
              tags: "lazy" versus "rest", x
            """)
        #expect(fields == [
            PartField(.feelings(["flat", "tired", "heavy, like wet wool"])),
            PartField(.tags(["a, b", "c", "", "with \"quotes\"", "x"])),
            PartField(.feelings([])),
            PartField(.tags(["only one"]), comments: Comments(trailing: " c")),
            PartField(.feelings(["quoted"]), comments: Comments(trailing: " right after")),
            PartField(.tags(["\"lazy\" versus \"rest\"", "x"])),
        ])
    }

    @Test func listItemsKeepInnerBlanksAndHashes() {
        let fields = partFields("  tags: two  words, C#, a #b, last # comment\n")
        #expect(fields == [PartField(.tags(["two  words", "C#", "a #b", "last"]), comments: Comments(trailing: " comment"))])
    }

    // MARK: Quoted values

    @Test func quotedValueEscapes() {
        let fields = partFields(#"""
              job: "back\\slash"
              body: "a \"quote\""
              fears: "line\nbreak"
              intent: "carriage\rreturn"
              trailheads: "tab\there"
              note: "\u{1F32B} fog \u{41}\u{e9}\u{0}\u{10FFFF}"
              age: "  blanks kept  "
              x-hash: "turns feelings down # even the good ones"
              x-empty: ""
              x-trailing: "ends with \\"  # comment
              x-tight: "no blank"#comment
            """#)
        #expect(fields == [
            PartField(.job("back\\slash")),
            PartField(.body("a \"quote\"")),
            PartField(.fears("line\nbreak")),
            PartField(.intent("carriage\rreturn")),
            PartField(.trailheads("tab\there")),
            PartField(.note("\u{1F32B} fog A\u{E9}\u{0}\u{10FFFF}")),
            PartField(.age("  blanks kept  ")),
            PartField(.custom(key: "x-hash", value: "turns feelings down # even the good ones")),
            PartField(.custom(key: "x-empty", value: "")),
            PartField(.custom(key: "x-trailing", value: "ends with \\"), comments: Comments(trailing: " comment")),
            PartField(.custom(key: "x-tight", value: "no blank"), comments: Comments(trailing: "comment")),
        ])
    }

    @Test func valuesThatAreNotOneLiteralAreBareText() {
        let fields = partFields(#"""
              job: "lazy" versus "needs rest"
              body: "a" b
              fears: "unknown \q escape"
              intent: "unterminated
              trailheads: "bad \u{110000} scalar"
              note: "too many \u{1234567} digits"
              x-a: "no braces \u41"
              x-b: x "quoted" y
              x-c: "a"   "b"  # comment
            """#)
        #expect(fields.map(\.value) == [
            .job(#""lazy" versus "needs rest""#),
            .body(#""a" b"#),
            .fears(#""unknown \q escape""#),
            .intent(#""unterminated"#),
            .trailheads(#""bad \u{110000} scalar""#),
            .note(#""too many \u{1234567} digits""#),
            .custom(key: "x-a", value: #""no braces \u41""#),
            .custom(key: "x-b", value: #"x "quoted" y"#),
            .custom(key: "x-c", value: #""a"   "b""#),
        ])
        #expect(fields.last?.comments == Comments(trailing: " comment"))
    }

    @Test func relationshipNoteThatIsNotOneLiteral() {
        let map = TestSupport.parseValid("""
            partsmap 1
            part critic: The Critic
            part scroller: The Scroller
            critic polarized scroller: "lazy" versus "needs rest"
            """)
        #expect(map.relationships.first?.note == #""lazy" versus "needs rest""#)
    }

    // MARK: Multi-line blocks

    @Test func multiLineBlockWithBlankLinesAndDeeperIndentation() {
        let map = TestSupport.parseValid("""
            partsmap 1
            part fog
            session 2026-11-19: Session 11
              note:  # written after the session
                The Fog said it started the winter dad left.

                  It showed the empty driveway.
                # not a comment, "quotes" kept\u{20}\u{20}


                It agreed to step back.\t


              homework: notice the Fog
            """)
        #expect(map.sessions.first?.fields == [
            SessionField(.note("""
                The Fog said it started the winter dad left.

                  It showed the empty driveway.
                # not a comment, "quotes" kept\u{20}\u{20}


                It agreed to step back.\t
                """), comments: Comments(trailing: " written after the session")),
            SessionField(.homework("notice the Fog")),
        ])
    }

    @Test func blockIndentationIsSetByTheFirstLine() {
        let fields = partFields("  note:\n        eight\n          ten\n        eight again\n  role: exile\n")
        #expect(fields.map(\.value) == [.note("eight\n  ten\neight again"), .role(.exile)])
    }

    @Test func blocksWithTabs() {
        let fields = partFields("\tnote:\n\t\tone\n\t\t\ttwo\n\tjob: x\n")
        #expect(fields.map(\.value) == [.note("one\n\ttwo"), .job("x")])
    }

    @Test func blocksUnderEveryTextField() {
        let map = TestSupport.parseValid("""
            partsmap 1
            title:
              Sam
              and the fog
            x-goals:
              Feel something again.
              Sleep before midnight.
            self
              x-anchor:
                a
                b
            part p
              age:
                a
                b
              beliefs:
                a
                b
              x-c:
                a
                b
            session 2026-01-01
              homework:
                a
                b
              x-d:
                a
                b
            """)
        #expect(map.title == "Sam\nand the fog")
        #expect(map.items[1] == .field(MapField(key: "x-goals", value: "Feel something again.\nSleep before midnight.")))
        #expect(map.selfBlock?.fields == [SelfField(.custom(key: "x-anchor", value: "a\nb"))])
        #expect(map.parts.first?.fields.map(\.value) == [.age("a\nb"), .beliefs("a\nb"), .custom(key: "x-c", value: "a\nb")])
        #expect(map.sessions.first?.fields.map(\.value) == [.homework("a\nb"), .custom(key: "x-d", value: "a\nb")])
    }

    @Test func emptyValueWithoutBlockIsEmptyText() {
        let fields = partFields("  note:\n  job:\n\n  body:\n")
        #expect(fields.map(\.value) == [.note(""), .job(""), .body("")])
    }

    @Test func quotedEmptyValueDoesNotOpenABlock() {
        // An explicit "" is the whole value; an indented line below it is then a field of its own.
        let fields = partFields("  note: \"\"\n  job: x\n")
        #expect(fields.map(\.value) == [.note(""), .job("x")])
    }

    // MARK: Relationships

    @Test func everyRelationshipKindWithSelfEndpointsAndNotes() {
        let map = TestSupport.parseValid("""
            partsmap 1
            part fog
            part little
            part critic
            fog protects little
            critic polarized fog: rest versus work
            fog allied critic: both keep Sam functioning  # c
            fog blends self
            self blends fog: ""
            critic triggers little:   trimmed\u{20}\u{20}
            self allied self
            fog protects little:
            fog alternates critic: numb, then driven
            """)
        let fog = Relationship.Endpoint.part(id("fog"))
        let little = Relationship.Endpoint.part(id("little"))
        let critic = Relationship.Endpoint.part(id("critic"))
        #expect(map.relationships == [
            Relationship(fog, .protects, little),
            Relationship(critic, .polarized, fog, note: "rest versus work"),
            Relationship(fog, .allied, critic, note: "both keep Sam functioning", comments: Comments(trailing: " c")),
            Relationship(fog, .blends, .theSelf),
            Relationship(.theSelf, .blends, fog, note: ""),
            Relationship(critic, .triggers, little, note: "trimmed"),
            Relationship(.theSelf, .allied, .theSelf),
            Relationship(fog, .protects, little, note: nil),
            Relationship(fog, .alternates, critic, note: "numb, then driven"),
        ])
        #expect(Set(map.relationships.map(\.kind)) == Set(Relationship.Kind.allCases))
    }

    @Test func relationshipIdentityIsSymmetricOnlyForSymmetricKinds() {
        let a = Relationship.Endpoint.part(id("a")), b = Relationship.Endpoint.part(id("b"))
        #expect(Relationship(a, .polarized, b).identity == Relationship(b, .polarized, a).identity)
        #expect(Relationship(a, .allied, b).identity == Relationship(b, .allied, a, note: "x").identity)
        #expect(Relationship(a, .protects, b).identity != Relationship(b, .protects, a).identity)
        #expect(Relationship(a, .blends, .theSelf).identity == "a blends self")
    }

    @Test func forwardReferencesAreAllowed() {
        let map = TestSupport.parseValid("""
            partsmap 1
            fog protects little
            session 2026-01-01
              present: fog, little
              status little: noticed
              6fs fog: find
              unburdening little: witnessing
            part fog
            part little
            """)
        #expect(map.relationships == [Relationship(.part(id("fog")), .protects, .part(id("little")))])
        #expect(map.sessions.first?.mentionedParts == [id("fog"), id("little"), id("little"), id("fog"), id("little")])
        #expect(map.parts.map(\.id) == [id("fog"), id("little")])
    }

    // MARK: Sessions

    @Test func sessionHeaders() {
        let map = TestSupport.parseValid("""
            partsmap 1
            session 2026-11-19: Session 11
            session 2026-11-20
            session 2026-11-21:
            session 2026-11-22: ""
            session 2024-02-29 :   Leap day  # c
            session 0001-01-01: first
            session 9999-12-31: last
            """)
        #expect(map.sessions.map(\.date) == ["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2024-02-29",
                                             "0001-01-01", "9999-12-31"].map(date))
        #expect(map.sessions.map(\.title) == ["Session 11", nil, nil, "", "Leap day", "first", "last"])
        #expect(map.sessions[4].comments == Comments(trailing: " c"))
    }

    @Test func everySessionField() {
        let fields = sessionFields("""
              present: fog, little
              self: calm 5, curiosity 6, compassion 4, confidence 3, courage 2, clarity 1, creativity 0, connectedness 10
              5ps: presence 4, patience 5, perspective 4, persistence 5, playfulness 2
              status fog: known -> befriended
              status little: known
              status fog: trusting -> befriended: dad's card arrived
              status little: witnessed: "after the do-over"
              6fs fog: flesh-out
              unburdening little: do-over
              homework: two minutes a day of grounding
              note: short
              x-phq9: 16
            """)
        let fog = id("fog"), little = id("little")
        #expect(fields.map(\.value) == [
            .present([fog, little]),
            .selfEnergy([QualityRating(.calm, 5), QualityRating(.curiosity, 6), QualityRating(.compassion, 4),
                         QualityRating(.confidence, 3), QualityRating(.courage, 2), QualityRating(.clarity, 1),
                         QualityRating(.creativity, 0), QualityRating(.connectedness, 10)]),
            .selfPresence([QualityRating(.presence, 4), QualityRating(.patience, 5), QualityRating(.perspective, 4),
                           QualityRating(.persistence, 5), QualityRating(.playfulness, 2)]),
            .statusChange(StatusChange(part: fog, from: .known, to: .befriended)),
            .statusChange(StatusChange(part: little, to: .known)),
            .statusChange(StatusChange(part: fog, from: .trusting, to: .befriended, note: "dad's card arrived")),
            .statusChange(StatusChange(part: little, to: .witnessed, note: "after the do-over")),
            .sixFs(part: fog, step: .fleshOut),
            .unburdening(UnburdeningRecord(part: little, step: .doOver)),
            .homework("two minutes a day of grounding"),
            .note("short"),
            .custom(key: "x-phq9", value: "16"),
        ])
        #expect(fields.map(\.value.key) == ["present", "self", "5ps", "status", "status", "status", "status", "6fs",
                                            "unburdening", "homework", "note", "x-phq9"])
    }

    @Test func sessionAccessors() {
        let map = TestSupport.parseValid("""
            partsmap 1
            part fog
            session 2026-01-01
              present: fog
              present:
              self: calm 1
              self: clarity 2
              5ps: patience 3
              status fog: noticed -> known
              note: one
              note: two
              homework: h
            """)
        let session = map.sessions[0]
        #expect(session.present == [id("fog")])
        #expect(session.selfEnergy == [QualityRating(.calm, 1), QualityRating(.clarity, 2)])
        #expect(session.selfPresence == [QualityRating(.patience, 3)])
        #expect(session.statusChanges == [StatusChange(part: id("fog"), from: .noticed, to: .known)])
        #expect(session.statusChanges.first?.goesBack == false)
        #expect(session.notes == ["one", "two"])
        #expect(session.homework == ["h"])
    }

    @Test func ratingsAcceptAnyWholeNumberAndAnySubset() {
        let fields = sessionFields("  self: courage +5, calm 05,   clarity\t-3 , creativity 11\n  self:\n  5ps: playfulness 0\n")
        #expect(fields.map(\.value) == [
            .selfEnergy([QualityRating(.courage, 5), QualityRating(.calm, 5), QualityRating(.clarity, -3),
                         QualityRating(.creativity, 11)]),
            .selfEnergy([]),
            .selfPresence([QualityRating(.playfulness, 0)]),
        ])
    }

    /// A rating's number reads as `Int(text)` does: a sign, digits, within `Int`; anything else
    /// (another digit system, a second sign, a blank inside, an overflow) is an error.
    @Test(arguments: ["0", "+0", "-0", "007", "+5", "-3", "10", "9223372036854775807", "-9223372036854775808",
                      "9223372036854775808", "-9223372036854775809", "+", "-", "+-1", "--1", "1-", "5x", "0x5",
                      "1_0", "\u{0663}", "\u{FF15}", "5 5", "5.0"])
    func ratingNumbersReadAsIntDoes(_ number: String) {
        let parsed = MapParser.parse("partsmap 1\nsession 2026-11-19\n  self: calm \(number)\n")
        if let score = Int(number) {
            #expect(parsed.diagnostics.isEmpty)
            #expect(parsed.map.sessions.first?.selfEnergy == [QualityRating(.calm, score)])
        } else {
            #expect(parsed.errors.map(\.message) == ["expected a quality and a number, as in 'calm 6'"])
        }
    }

    @Test(arguments: SixFsStep.allCases)
    func everySixFsStep(_ step: SixFsStep) {
        #expect(sessionFields("  6fs fog: \(step.rawValue)\n").map(\.value) == [.sixFs(part: id("fog"), step: step)])
    }

    @Test(arguments: UnburdeningStep.allCases)
    func everyUnburdeningStep(_ step: UnburdeningStep) {
        #expect(sessionFields("  unburdening little: \(step.rawValue)\n").map(\.value)
                == [.unburdening(UnburdeningRecord(part: id("little"), step: step))])
    }

    @Test func statusChangeSpacingAndComments() {
        let fields = sessionFields("""
              status  fog :  known   ->   befriended  # moved
              status fog: known ->trusting
              status fog: known->befriended:why
            """)
        #expect(fields == [
            SessionField(.statusChange(StatusChange(part: id("fog"), from: .known, to: .befriended)),
                         comments: Comments(trailing: " moved")),
            SessionField(.statusChange(StatusChange(part: id("fog"), from: .known, to: .trusting))),
            SessionField(.statusChange(StatusChange(part: id("fog"), from: .known, to: .befriended, note: "why"))),
        ])
    }

    // MARK: Line ends, BOM, locations

    @Test func crlfReadsLikeLF() {
        let lf = """
            # comment
            partsmap 1  # header
            title: Sam
            part fog: The Fog
              role: manager
              note:
                one

                  two
            fog blends self: note
            session 2026-01-01
              present: fog
            """
        let crlf = lf.replacingNewlines(with: "\r\n")
        let mixed = lf.replacingNewlines(with: "\r\n", everyOther: true)
        let expected = TestSupport.parseValid(lf)
        #expect(TestSupport.parseValid(crlf) == expected)
        #expect(TestSupport.parseValid(mixed) == expected)
        #expect(TestSupport.parseValid(crlf + "\r\n") == expected)
        #expect(expected.parts.first?.notes == ["one\n\n  two"])
        #expect(expected.headerComments.trailing == " header")
    }

    @Test func byteOrderMarkIsIgnored() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("partsmap 1\npart fog: The Fog\n".utf8)
        let parsed = MapParser.parse(SourceText(bytes))
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.map.parts == [Part(id: id("fog"), name: "The Fog")])
        #expect(parsed.locations.first?.start == PartsMap.SourceLocation(line: 2, column: 1))
        // A BOM before a header comment: the comment text does not include it.
        let commented = MapParser.parse(SourceText([0xEF, 0xBB, 0xBF] + Array("# hi\npartsmap 1\n".utf8)))
        #expect(commented.diagnostics.isEmpty)
        #expect(commented.map.headerComments.leading == [" hi"])
    }

    @Test func locationsOfItemsAndFields() {
        let parsed = MapParser.parse("""
            partsmap 1
            title: t

            part fog
              role: manager
            \tjob: x
              # comment
              note:
                block
            fog blends self
            session 2026-01-01
                present: fog
            self
            """)
        #expect(parsed.diagnostics.isEmpty)
        typealias L = PartsMap.SourceLocation
        #expect(parsed.locations.map(\.start) == [L(line: 2, column: 1), L(line: 4, column: 1), L(line: 10, column: 1),
                                                  L(line: 11, column: 1), L(line: 13, column: 1)])
        #expect(parsed.locations.map(\.fields) == [
            [], [L(line: 5, column: 3), L(line: 6, column: 2), L(line: 8, column: 3)], [], [L(line: 12, column: 5)], [],
        ])
        #expect(parsed.locations.map(\.lines) == [2...2, 4...9, 10...10, 11...12, 13...13])
        #expect(parsed.locations[1].fieldLines == [5...5, 6...6, 7...9])
        #expect(parsed.locations.count == parsed.map.items.count)
    }

    @Test func theSampleMapReadsCompletely() throws {
        let map = TestSupport.parseValid(Self.sample)
        #expect(map.headerComments.leading == [" Sam's map"])
        #expect(map.title == "Sam — working with numbness")
        #expect(map.parts.map(\.id.rawValue) == ["fog", "little", "critic", "scroller"])
        let fog = try #require(part(map, "fog"))
        #expect(fog.name == "The Fog")
        #expect(fog.comments.trailing == " id, then a display name (any text)")
        #expect(fog.burdens == [Burden(.legacy, "we don't cry in this family")])
        #expect(fog.fields[9].comments.trailing == " personal | legacy | cultural")
        #expect(map.relationships.map(\.identity) == ["fog protects little", "critic polarized scroller", "fog blends self"])
        #expect(map.relationships[1].note == #""lazy" versus "needs rest""#)
        let session = try #require(map.sessions.first)
        #expect(session.title == "Session 11")
        #expect(session.notes == ["The fog said it started the winter dad left.\n\n  indented more\nIt agreed to step back a little next week."])
        #expect(session.fields[2].comments.trailing == " status change recorded in this session")
    }

    static let sample = """
        # Sam's map
        partsmap 1
        title: Sam — working with numbness

        self
          note: Calm shows up when Sam talks about the garden.

        part fog: The Fog                # id, then a display name (any text)
          role: manager                  # manager | firefighter | exile | unknown
          self-like: no
          age: 12
          body: heavy grey behind the eyes
          feelings: flat, tired
          beliefs: "feeling is dangerous"
          job: turns every feeling down before it gets big
          intent: keeps grief from flooding Sam
          fears: if it stops, the sadness will never end
          burden legacy: "we don't cry in this family"    # personal | legacy | cultural
          trailheads: going quiet when someone asks how Sam is
          status: befriended
          tags: numbness, detached-protector

        part little: Little One
          role: exile
          age: 7
          burden personal: "I don't matter"
        part critic: Critic
        part scroller: Scroller

        fog protects little
        critic polarized scroller: "lazy" versus "needs rest"
        fog blends self                  # a part that often takes the seat of Self

        session 2026-11-19: Session 11
          present: fog, little
          self: calm 5, curiosity 6, compassion 4
          status fog: known -> befriended       # status change recorded in this session
          6fs fog: befriend              # how far the 6 Fs got with this part
          note:
            The fog said it started the winter dad left.

              indented more
            It agreed to step back a little next week.
        """
}

private extension String {
    /// Replaces every `\n` (or every other one) with `separator`.
    func replacingNewlines(with separator: String, everyOther: Bool = false) -> String {
        var out = ""
        var count = 0
        for character in self {
            if character == "\n" {
                out += (!everyOther || count % 2 == 0) ? separator : "\n"
                count += 1
            } else {
                out.append(character)
            }
        }
        return out
    }
}
