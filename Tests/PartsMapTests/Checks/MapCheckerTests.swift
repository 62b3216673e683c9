import Testing
@testable import PartsMap

/// The IFS warnings of `partsmap check`.
@Suite("MapChecker: IFS warnings")
struct MapCheckerTests {
    /// Parses a valid map and checks it; the warnings as "line:column message", sorted.
    private func warnings(_ text: String, ignoring: Set<String> = [],
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        let parsed = MapParser.parse(text)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)", sourceLocation: sourceLocation)
        let found = MapChecker.check(parsed.map, locations: parsed.locations, ignoring: ignoring)
        #expect(found.allSatisfy { $0.severity == .warning }, sourceLocation: sourceLocation)
        return found.map { "\($0.location) \($0.message)" }.sorted()
    }

    /// The parts most tests need: two protectors, a firefighter and an exile they protect.
    private let parts = """
        partsmap 1
        part fog
          role: manager
        part critic
          role: manager
        part scroller
          role: firefighter
        part little
          role: exile
        fog protects little

        """  // lines 1-10; the tests' own lines start at 11

    @Test func aCleanMapHasNoWarnings() {
        #expect(warnings(parts + """
            critic polarized scroller: rest versus work
            scroller protects little
            part guard
              role: protector
            guard protects little
            fog allied critic
            fog blends self
            self blends fog
            critic triggers little
            fog triggers critic
            self allied fog
            session 2026-01-01
              self: calm 0, curiosity 10
              5ps: patience 0, presence 10
              status fog: noticed -> known
              status little: known -> noticed: it went back into hiding
            session 2026-01-01
              status fog: known -> befriended
            """, ignoring: ["status-missing"]).isEmpty)
        #expect(warnings(MapParserTests.sample) == [])
        #expect(MapChecker.check(SystemMap()).isEmpty)
    }

    @Test func protectsFromANonProtector() {
        #expect(warnings(parts + """
            part other
              role: exile
            little protects other
            part odd
            odd protects little
            self protects little
            """) == [
            "13:1 'little' protects, but it is an exile; protectors are managers or firefighters",
            "15:1 'odd' protects, but its role is not recorded; protectors are managers or firefighters",
            "16:1 Self protects, but that is the Self; protectors are managers or firefighters",
        ].sorted())
    }

    @Test func aProtectorMayProtectAProtectorButNotTheSelf() {
        // `eye protects taskmaster`: a protector protecting a protector is ordinary IFS.
        #expect(warnings(parts + """
            fog protects critic
            critic protects scroller
            part new
            fog protects new
            fog protects self
            """) == [
            "15:1 Self is protected, but the Self needs no protector; is 'fog' blended with Self?",
        ])
    }

    @Test func exileWithoutProtector() {
        #expect(warnings("""
            partsmap 1
            part alone: Alone
              role: exile
            part guarded
              role: exile
            part fog
              role: manager
            fog protects guarded
            fog allied alone
            alone triggers fog
            """) == ["2:1 exile 'alone' has no protector recorded; add a line such as 'PROTECTOR protects alone'"])
        // A protector defined later, or a protects line written first, still counts.
        #expect(warnings("partsmap 1\nfog protects little\npart little\n  role: exile\npart fog\n  role: manager\n").isEmpty)
    }

    @Test func polarizationWithAnExileOrTheSelf() {
        #expect(warnings(parts + """
            little polarized fog
            critic polarized self
            self polarized little
            scroller polarized critic
            """) == [
            "11:1 'little' is polarized: polarizations are between protectors, not exiles",
            "12:1 Self is polarized: the Self does not polarize with parts",
            "13:1 'little' is polarized: polarizations are between protectors, not exiles",
            "13:1 Self is polarized: the Self does not polarize with parts",
        ])
    }

    @Test func partRelatedToItself() {
        #expect(warnings(parts + """
            fog allied fog
            self blends self
            critic triggers critic: its own worst enemy
            """) == [
            "11:1 'fog' is related to itself",
            "12:1 Self is related to itself",
            "13:1 'critic' is related to itself",
        ])
    }

    @Test func selfPolarizedWithItselfGetsBothWarnings() {
        #expect(warnings("partsmap 1\nself polarized self\n") == [
            "2:1 Self is polarized: the Self does not polarize with parts",
            "2:1 Self is polarized: the Self does not polarize with parts",
            "2:1 Self is related to itself",
        ])
    }

    @Test func duplicateRelationships() {
        #expect(warnings(parts + """
            critic polarized scroller
            scroller polarized critic: the same, the other way round
            critic allied scroller
            scroller allied critic
            fog triggers critic
            critic triggers fog
            fog triggers critic  # again
            fog protects little: again
            self blends fog
            fog blends self
            """) == [
            "12:1 this repeats the relationship on line 11",
            "14:1 this repeats the relationship on line 13",
            "17:1 this repeats the relationship on line 15",
            "18:1 this repeats the relationship on line 10",
        ])
    }

    @Test func statusGoingBackNeedsANote() {
        #expect(warnings(parts + """
            session 2026-01-01
              status fog: trusting -> befriended
              status critic: befriended -> known: a hard week
              status little: known -> befriended
              status scroller: witnessed -> noticed: ""
              status fog: befriended
              status critic: integrated -> noticed
            """, ignoring: ["status-missing"]) == [
            "12:3 'fog' goes back from trusting to befriended with no note; add one after a colon to say what happened",
            "17:3 'critic' goes back from integrated to noticed with no note; add one after a colon to say what happened",
        ])
    }

    @Test func goesBackFollowsTheLifecycle() {
        let fog = PartID("fog")!
        for (from, to) in zip(PartStatus.allCases, PartStatus.allCases.dropFirst()) {
            #expect(!StatusChange(part: fog, from: from, to: to).goesBack)
            #expect(StatusChange(part: fog, from: to, to: from).goesBack)
            #expect(!StatusChange(part: fog, from: from, to: from).goesBack)
            #expect(!StatusChange(part: fog, to: from).goesBack)
        }
    }

    @Test func ratingsOutsideZeroToTen() {
        #expect(warnings("""
            partsmap 1
            session 2026-01-01
              self: calm 11, curiosity -1, clarity 10, courage 0
              5ps: patience 12, presence 5, playfulness -3
            session 2026-01-02
              self: connectedness 100
              5ps: perspective 10
            """) == [
            "3:3 calm is rated 11; ratings run from 0 to 10",
            "3:3 curiosity is rated -1; ratings run from 0 to 10",
            "4:3 patience is rated 12; ratings run from 0 to 10",
            "4:3 playfulness is rated -3; ratings run from 0 to 10",
            "6:3 connectedness is rated 100; ratings run from 0 to 10",
        ])
    }

    @Test func sessionDatedBeforeThePreviousOne() {
        #expect(warnings("""
            partsmap 1
            session 2026-02-01
            session 2026-01-01: went back
            session 2026-01-01: same day is fine
            part fog
            session 2025-12-31
            session 2026-03-01
            """) == [
            "3:1 this session is dated before the one above it (2026-02-01)",
            "6:1 this session is dated before the one above it (2026-01-01)",
        ])
    }

    @Test func partStatusDisagreesWithTheLatestSession() {
        #expect(warnings(parts + """
            part new
              role: manager
              note: first
              status: known
            new protects little
            session 2026-01-01
              status new: noticed -> known
              status fog: known
            session 2026-01-08
              status new: known -> befriended
            """, ignoring: ["status-missing"]) == [
            "14:3 'new' has status known, but the session of 2026-01-08 moved it on to befriended; set 'status: befriended', "
                + "or record the step back in a session with a note",
        ])
        // Moving on between sessions (`partsmap part set fog status befriended` after a session
        // recorded `known`) is what the docs teach: no warning.
        #expect(warnings("partsmap 1\npart fog\n  status: befriended\nsession 2026-01-01\n  status fog: noticed -> known\n").isEmpty)
        // No status field at all: the session's change shows nowhere.
        #expect(warnings("partsmap 1\npart fog\nsession 2026-01-01\n  status fog: known\n") == [
            "4:3 a session changes the status of 'fog', but the part has no 'status:'; add it with 'partsmap part set fog status STATUS'",
        ])
        // Agreeing with the latest session is fine, whatever earlier sessions said.
        #expect(warnings("partsmap 1\npart fog\n  status: trusting\nsession 2026-01-01\n  status fog: known\n"
                         + "session 2026-01-02\n  status fog: known -> trusting\n").isEmpty)
    }

    @Test func warningsAreSortedByPosition() {
        let parsed = MapParser.parse(parts + "session 2026-02-01\nsession 2026-01-01\n  self: calm 11\nfog allied fog\n")
        let found = MapChecker.check(parsed.map, locations: parsed.locations)
        #expect(found.map(\.location) == [PartsMap.SourceLocation(line: 12, column: 1), PartsMap.SourceLocation(line: 13, column: 3),
                                          PartsMap.SourceLocation(line: 14, column: 1)])
    }

    @Test func withoutLocationsWarningsPointAtLineOne() {
        let map = SystemMap(items: [
            .part(Part(id: PartID("little")!, fields: [PartField(.role(.exile))])),
            .relationship(Relationship(.part(PartID("little")!), .allied, .part(PartID("little")!))),
        ])
        let found = MapChecker.check(map)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.location == PartsMap.SourceLocation(line: 1, column: 1) })
    }

    @Test func checkDoesNotRequireDefinedParts() {
        // The checker is also run on models built in code; unknown IDs must not trap.
        let ghost = PartID("ghost")!
        let map = SystemMap(items: [
            .relationship(Relationship(.part(ghost), .protects, .part(ghost))),
            .session(Session(date: CalendarDate("2026-01-01")!, fields: [
                SessionField(.statusChange(StatusChange(part: ghost, from: .known, to: .noticed))),
            ])),
        ])
        let messages = MapChecker.check(map).map(\.message)
        #expect(messages.contains("'ghost' is related to itself"))
        #expect(messages.contains { $0.hasPrefix("'ghost' goes back from known to noticed") })
    }
}
