import Foundation
import Testing
@testable import PartsMap

/// Permission, feel-toward, unblending, unburdening details, role changes and feelings check-ins:
/// read, written back, and refused with a position and a suggestion.
@Suite("Session records")
struct SessionRecordsTests {
    private let head = """
        partsmap 1

        part fog

        part little

        session 2026-11-19

        """  // the session's fields start on line 8

    @Test func everyRecordReadsAndPrintsBackCanonically() throws {
        let text = head + """
              permission fog for little: conditions: only if it can close again
              permission fog for little: refuses
              feel-toward fog: curious, "a bit, wary"
              blended little: stayed: that Sam will cry at work
              blended fog: stepped-back
              unburdening little: witnessing started
              unburdening little: retrieval: the allotment shed
              unburdening little: invitation started: playfulness, warmth
              role fog: numbing every feeling -> early warning of tiredness
              feelings: sadness 3, left out 2, joy 0
              intensity little: 7: I don't matter
              intensity little: 2

            """
        let map = TestSupport.parseValid(text)
        #expect(MapPrinter.print(map) == text)
        let fields = try #require(map.sessions.first).fields.map(\.value)
        let fog = try #require(PartID("fog")), little = try #require(PartID("little"))
        #expect(fields == [
            .permission(Permission(protector: fog, exile: little, answer: .conditions, note: "only if it can close again")),
            .permission(Permission(protector: fog, exile: little, answer: .refuses)),
            .feelToward(FeelToward(part: fog, answers: ["curious", "a bit, wary"])),
            .blended(Blending(part: little, outcome: .stayed, concern: "that Sam will cry at work")),
            .blended(Blending(part: fog, outcome: .steppedBack)),
            .unburdening(UnburdeningRecord(part: little, step: .witnessing, progress: .started)),
            .unburdening(UnburdeningRecord(part: little, step: .retrieval, detail: "the allotment shed")),
            .unburdening(UnburdeningRecord(part: little, step: .invitation, progress: .started, detail: "playfulness, warmth")),
            .roleChange(RoleChange(part: fog, from: "numbing every feeling", to: "early warning of tiredness")),
            .feelings([FeelingRating("sadness", 3), FeelingRating("left out", 2), FeelingRating("joy", 0)]),
            .intensity(BurdenIntensity(part: little, score: 7, burden: "I don't matter")),
            .intensity(BurdenIntensity(part: little, score: 2)),
        ])
        let json = MapJSON.encode(map).serialized()
        #expect(try MapJSON.decode(try JSONValue.parse(Array(json.utf8))) == map)
        // `done` is the default and is left out.
        #expect(MapPrinter.print(TestSupport.parseValid(head + "  unburdening little: retrieval done\n"))
                == head + "  unburdening little: retrieval\n")
    }

    @Test(arguments: [
        ("  permission fog little: agrees\n", 8, 14, "say which protector and which exile"),
        ("  permission fog for litle: agrees\n", 8, 22, "did you mean 'little'?"),
        ("  permission fog for little: agree\n", 8, 30, "unknown permission answer 'agree'; did you mean 'agrees'?"),
        ("  permission fog for little: agrees but\n", 8, 37, "unexpected text after the answer"),
        ("  blended fog: steped-back\n", 8, 16, "did you mean 'stepped-back'?"),
        ("  unburdening little: retrieval strated\n", 8, 33, "unknown step progress 'strated'; did you mean 'started'?"),
        ("  feel-toward fog:\n", 8, 19, "say how the person felt toward 'fog'"),
        ("  role fog: numbing\n", 8, 13, "write the old job and the new one"),
        ("  role fog: a -> b -> c\n", 8, 13, "write the old job and the new one"),
        ("  feelings: sadness\n", 8, 13, "expected a feeling and a number"),
        ("  feelings: sadness 3, sadness 4\n", 8, 24, "'sadness' is rated twice"),
        ("  feelings: \"sad\" 3\n", 8, 13, "without quotes or '#'"),
        ("  feel-towrd fog: curious\n", 8, 3, "did you mean 'feel-toward'?"),
        ("  intensity little: high\n", 8, 21, "expected a number from 0 to 10"),
        ("  intensity little: 7 out of 10\n", 8, 23, "unexpected text after the number"),
    ])
    func badRecordsAreRefusedWithAPosition(line: String, row: Int, column: Int, phrase: String) {
        let parsed = MapParser.parse(head + line)
        #expect(parsed.diagnostics.count == 1, "\(parsed.diagnostics)")
        let error = parsed.diagnostics.first
        #expect(error?.location == PartsMap.SourceLocation(line: row, column: column), "\(String(describing: error))")
        #expect(error?.message.contains(phrase) ?? false, "\(String(describing: error?.message))")
    }

    @Test func renamingAndRemovingAPartReachesTheNewRecords() throws {
        var map = TestSupport.parseValid(head + "  permission fog for little: agrees\n  blended fog: stayed\n  feelings: joy 1\n")
        let fog = try #require(PartID("fog")), mist = try #require(PartID("mist"))
        map.renamePart(fog, to: mist)
        #expect(MapPrinter.print(map).contains("permission mist for little: agrees\n  blended mist: stayed\n"))
        map.removePart(mist, cascade: true)
        #expect(try #require(map.sessions.first).fields.map(\.value) == [.feelings([FeelingRating("joy", 1)])])
    }
}

/// `partsmap session add` writes the clinical records through the map reader.
@Suite("session add: clinical records")
struct SessionAddRecordsTests {
    @Test func flagsWriteRecordsAndBadValuesLeaveTheMapAlone() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let path = folder.appendingPathComponent("map.parts")
        try "partsmap 1\n\npart fog\n\npart critic\n\npart little\n".write(to: path, atomically: true, encoding: .utf8)
        let result = try TestSupport.partsmap([
            "session", "add", "--date", "2026-11-26", "--feelings", "sadness=4,joy=3", "--feel-toward", "fog=curious,open",
            "--blended", "critic=stayed:that Sam will fall apart", "--permission", "fog:little=conditions:only a little",
            "--field", "unburdening little: retrieval started: the shed",
        ], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOf: path, encoding: .utf8)
        #expect(written.hasSuffix("""
            session 2026-11-26
              feelings: sadness 4, joy 3
              feel-toward fog: curious, open
              blended critic: stayed: that Sam will fall apart
              permission fog for little: conditions: only a little
              unburdening little: retrieval started: the shed

            """))
        // An unknown part is a data error (65), as for every command that names a part; a
        // value the format does not know is a usage error (64).
        for (flag, value, phrase, status) in [("--permission", "fog:litle=agrees", "did you mean 'little'?", Int32(65)),
                                              ("--blended", "fog=steped-back", "did you mean 'stepped-back'?", 64),
                                              ("--feelings", "sadness", "expected a feeling and a number", 64),
                                              ("--field", "feel-towrd fog: calm", "did you mean 'feel-toward'?", 64)] {
            let bad = try TestSupport.partsmap(["session", "add", flag, value], in: folder)
            #expect(bad.status == status, "\(flag) \(value)")
            #expect(bad.stderr.contains(phrase), "\(bad.stderr)")
            #expect(try String(contentsOf: path, encoding: .utf8) == written, "the map is untouched")
        }
    }
}
