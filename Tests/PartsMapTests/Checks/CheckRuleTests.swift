import Foundation
import Testing
@testable import PartsMap

/// The named rules of `partsmap check`, their documentation, and switching them off.
@Suite("Check rules")
struct CheckRuleTests {
    /// Rule IDs and messages of the warnings for `text`, sorted by position.
    private func found(_ text: String, ignoring: Set<String> = [], sourceLocation: Testing.SourceLocation = #_sourceLocation)
        -> [String]
    {
        let parsed = MapParser.parse(text)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)", sourceLocation: sourceLocation)
        return MapChecker.check(parsed.map, locations: parsed.locations, ignoring: ignoring)
            .map { "\($0.location.line) \($0.rule ?? "?")" }
    }

    static func checksDoc() throws -> String {
        try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/checks.md"), encoding: .utf8)
    }

    @Test func everyRuleHasAUniqueIDAndIsDocumentedWithAnExampleThatTriggersOnlyIt() throws {
        let doc = try Self.checksDoc()
        #expect(Set(CheckRule.all.map(\.id)).count == CheckRule.all.count)
        for rule in CheckRule.all {
            #expect(rule.id.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || $0 == "-" })
            #expect(doc.contains("### `\(rule.id)`\n\n**\(rule.summary)**"), "\(rule.id) documented")
            // The example map right after `<!-- check ID -->` gives this rule's warning and no other.
            let marker = "<!-- check \(rule.id) -->\n```parts\n"
            guard let start = doc.range(of: marker)?.upperBound,
                  let end = doc.range(of: "```\n", range: start..<doc.endIndex)?.lowerBound else {
                Issue.record("no example for \(rule.id)")
                continue
            }
            let rules = Set(found(String(doc[start..<end])).map { String($0.split(separator: " ")[1]) })
            #expect(rules == [rule.id], "example of \(rule.id) gives \(rules)")
        }
    }

    @Test func theExplanationIsTheDocumentedText() throws {
        let doc = try Self.checksDoc().split(separator: "\n").joined(separator: " ")
        for rule in CheckRule.all {
            let why = rule.explanation.components(separatedBy: " Fix: ")
            #expect(why.count == 2, "\(rule.id) has a fix")
            #expect(doc.contains(why[0]) && doc.contains("**Fix:** " + why[1]), "\(rule.id)")
        }
    }

    private let exile = """
        partsmap 1
        part fog
          role: manager
          status: befriended
        part little
          role: exile
        fog protects little

        """  // lines 1-7

    @Test func rulesAreSwitchedOffByMapByItemByFieldAndByOption() {
        let unprotected = "partsmap 1\npart little\n  role: exile\n"
        #expect(found(unprotected) == ["2 exile-unprotected"])
        #expect(found(unprotected, ignoring: ["exile-unprotected"]).isEmpty)
        #expect(found("partsmap 1\nignore-checks: session-order, exile-unprotected\npart little\n  role: exile\n").isEmpty)
        #expect(found("partsmap 1\n# partsmap-ignore: exile-unprotected\npart little\n  role: exile\n").isEmpty)
        #expect(found("partsmap 1\npart little  # partsmap-ignore: exile-unprotected\n  role: exile\n").isEmpty)
        // A field's directive covers that field only.
        let twoFields = exile + "session 2026-01-01\n  self: calm 11  # partsmap-ignore: rating-range\n  5ps: patience 12\n"
        #expect(found(twoFields) == ["10 rating-range"])
        // Another rule's directive does not hide this one.
        #expect(found("partsmap 1\n# partsmap-ignore: session-order\npart little\n  role: exile\n") == ["3 exile-unprotected"])
        // A misspelt rule is reported where it is written.
        #expect(found("partsmap 1\nignore-checks: exile-unprotect\n") == ["2 unknown-rule"])
        #expect(found("partsmap 1\npart fog  # partsmap-ignore: nonsense\n") == ["2 unknown-rule"])
    }

    @Test("IDs that differ only in letter case are flagged at the later one, each against the first")
    func idsThatDifferInCase() {
        #expect(found("partsmap 1\npart fog\npart Fog\npart FOG\npart fog-2\n") == ["3 ids-differ-in-case", "4 ids-differ-in-case"])
        #expect(found("partsmap 1\npart Fog\npart big-fog\npart fog2\n").isEmpty)
        #expect(found("partsmap 1\npart fog\npart Fog  # partsmap-ignore: ids-differ-in-case\n").isEmpty)
        let parsed = MapParser.parse("partsmap 1\npart fog\npart FOG\n")
        #expect(MapChecker.check(parsed.map, locations: parsed.locations).map(\.message)
                == ["part ID 'FOG' differs from 'fog' (line 2) only in letter case"])
    }

    @Test func aFirefighterTheExileTriggersGetsASofterMessage() {
        let parsed = MapParser.parse("partsmap 1\npart away\n  role: firefighter\npart little\n  role: exile\nlittle triggers away\n")
        let messages = MapChecker.check(parsed.map, locations: parsed.locations).map(\.message)
        #expect(messages == ["exile 'little' is tied to the system only through 'away', a firefighter it triggers; "
                             + "if 'away' guards it, add 'away protects little'"])
    }

    @Test func permissionIsAskedOfEveryProtectorBeforeUnburdeningBegins() {
        let map = exile + """
            part critic
              role: manager
              status: known
            critic protects little
            critic polarized fog
            session 2026-01-01
              permission fog for little: agrees
              permission critic for little: refuses: not yet
            session 2026-01-08
              unburdening little: witnessing started
            session 2026-01-15
              permission critic for little: conditions: only a little at a time
              unburdening little: witnessing
            """
        #expect(found(map) == ["17 permission-refused"])
        let missing = exile + "session 2026-01-01\n  unburdening little: witnessing\n"
        #expect(found(missing) == ["9 permission-missing"])
        // Permission given in the same session, before or after the line, counts.
        #expect(found(exile + "session 2026-01-01\n  unburdening little: witnessing\n  permission fog for little: agrees\n").isEmpty)
    }

    @Test func unburdeningStepsNeedTheirEarlierStepsAndAnExile() {
        let map = exile + """
            session 2026-01-01
              permission fog for little: agrees
              unburdening little: retrieval: the shed
              unburdening little: witnessing
              unburdening little: invitation: warmth
              unburdening fog: witnessing
              6fs little: befriend
            """
        #expect(found(map) == ["10 unburdening-order", "12 unburdening-order", "13 unburdening-not-exile", "14 sixfs-on-exile"])
    }

    @Test func statusBurdensAndBlending() {
        let map = """
            partsmap 1
            part fog
              role: manager
              status: integrated
              burden legacy: "we don't cry"
            fog blends self
            part little
              role: exile
              burden personal released: "I don't matter"
              status: unburdened
            fog protects little
            """
        #expect(found(map) == ["5 burden-still-carried", "6 integrated-still-blends"])
    }

    @Test func feelTowardAndFeelings() {
        let map = exile + """
            session 2026-01-01
              feel-toward fog: curious, open
              feel-toward little: Compassion
              feelings: sadness 3, sadnes 1, left out 2, joy 11
            session 2026-01-08
              feel-toward fog: annoyed
            session 2026-01-15
              feel-toward fog: annoyed
              blended critic: stepped-back: that nothing gets done
            """
        #expect(found(map.replacingOccurrences(of: "critic", with: "little"))
                == ["11 rating-range", "11 feeling-typo", "13 feel-toward-unblended"])
    }

    @Test func checkNamesTheRuleExplainsAndIgnoresOnTheCommandLine() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        try "partsmap 1\npart little\n  role: exile\n".write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        let plain = try TestSupport.partsmap(["check", "--strict", "map.parts"], in: folder)
        #expect(plain.status == 1)
        #expect(plain.stderr.hasPrefix("map.parts:2:1: warning[exile-unprotected]: exile 'little' has no protector recorded"))
        let ignored = try TestSupport.partsmap(["check", "--strict", "--ignore", "exile-unprotected", "map.parts"], in: folder)
        #expect(ignored.status == 0)
        #expect(ignored.stderr == "map.parts: 0 errors, 0 warnings\n")
        let typo = try TestSupport.partsmap(["check", "--ignore", "exile-unprotect", "map.parts"], in: folder)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("did you mean 'exile-unprotected'?"))
        let list = try TestSupport.partsmap(["check", "--explain"], in: folder)
        #expect(list.status == 0)
        for rule in CheckRule.all { #expect(list.stdout.contains(rule.id + " ")) }
        let one = try TestSupport.partsmap(["check", "--explain", "permission-missing"], in: folder)
        #expect(one.stdout.hasPrefix("permission-missing: An exile's unburdening began before a protector gave permission.\n\n"))
    }

    @Test func theExampleMapIsSound() throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        #expect(MapChecker.check(map).isEmpty)
    }
}
