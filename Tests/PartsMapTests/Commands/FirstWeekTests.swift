import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

/// The rough edges a new user meets in a first week: where the map is, part IDs typed as
/// people type them, sessions out of order, and small wording slips.
@Suite("First week")
struct FirstWeekTests {
    static let map = """
        partsmap 1
        title: Sam

        part fog: The Fog
          role: manager

        part little: Little One
          role: exile

        fog protects little

        session 2026-11-12: Session 1
          present: fog
          self: calm 6

        session 2026-11-26: Session 3
          present: fog, little

        """

    func folder(_ text: String = map) throws -> URL {
        let folder = try TestSupport.makeTemporaryFolder()
        try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        return folder
    }

    func text(_ folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("map.parts"), encoding: .utf8)
    }

    @Test("Outside a workbook, the message names 'partsmap init' and '--map'", arguments: [
        ["part", "list"], ["render"], ["session", "list"], ["check"], ["part", "add", "x"],
    ])
    func outsideAWorkbook(arguments: [String]) throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let result = try TestSupport.partsmap(arguments, in: folder)
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("partsmap init"), "\(result.stderr)")
        #expect(result.stderr.contains("--map"), "\(result.stderr)")
    }

    @Test("Every command takes the map as --map, and the listing commands as an argument too")
    func theMapTheSameWay() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let parent = folder.deletingLastPathComponent()
        for arguments in [["part", "list", folder.lastPathComponent + "/map.parts"],
                          ["session", "list", folder.lastPathComponent + "/map.parts"],
                          ["part", "list", "--map", folder.lastPathComponent + "/map.parts"]] {
            let result = try TestSupport.partsmap(arguments, in: parent)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("fog") || result.stdout.contains("2026-11-12"), "\(arguments): \(result.stdout)")
        }
    }

    @Test("render map suggests map.parts")
    func missingExtension() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let result = try TestSupport.partsmap(["render", "map"], in: folder)
        #expect(result.status == 66)
        #expect(result.stderr.contains("did you mean 'map.parts'?"), "\(result.stderr)")
    }

    @Test("check README.md stops at once: not a partsmap map")
    func notAMap() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let readme = "# My project\n\nSome *markdown*.\n\n- a list\n- of things\n\n    code\n"
        try readme.write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let result = try TestSupport.partsmap(["check", "README.md"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr.contains("not a partsmap map"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count <= 3, "\(result.stderr)")
    }

    @Test("Part IDs: any letter case and display names accepted, suggestions, case-only twins refused")
    func partIDsAsPeopleTypeThem() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let upper = try TestSupport.partsmap(["part", "show", "FOG"], in: folder)
        #expect(upper.status == 0, "\(upper.stderr)")
        #expect(upper.stdout.hasPrefix("The Fog (fog)"))
        let misspelt = try TestSupport.partsmap(["part", "show", "FGO"], in: folder)
        #expect(misspelt.status == 65)
        #expect(misspelt.stderr.contains("did you mean 'fog'?"), "\(misspelt.stderr)")
        let byName = try TestSupport.partsmap(["part", "show", "The Fog"], in: folder)
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout.hasPrefix("The Fog (fog)"))
        let setByName = try TestSupport.partsmap(["part", "set", "Little One", "age", "7"], in: folder)
        #expect(setByName.status == 0, "\(setByName.stderr)")
        #expect(TestSupport.parseValid(try text(folder)).part(PartID("little")!)?.age == "7")
        let relate = try TestSupport.partsmap(["relate", "The Fog", "allied", "Little One"], in: folder)
        #expect(relate.status == 0, "\(relate.stderr)")
        let unknownName = try TestSupport.partsmap(["part", "show", "The Fgo"], in: folder)
        #expect(unknownName.status == 65, "\(unknownName.stderr)")
        #expect(unknownName.stderr.contains("'fog'"), "\(unknownName.stderr)")
        let twin = try TestSupport.partsmap(["part", "add", "Fog"], in: folder)
        #expect(twin.status == 65, "\(twin.stderr)")
        #expect(twin.stderr.contains("'fog'"), "\(twin.stderr)")
        let renamedTwin = try TestSupport.partsmap(["part", "rename", "little", "FOG"], in: folder)
        #expect(renamedTwin.status == 65, "\(renamedTwin.stderr)")
    }

    @Test("session add puts a session in date order and refuses the same session twice")
    func sessionsInDateOrder() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let added = try TestSupport.partsmap(["session", "add", "--date", "2026-11-19", "--title", "Session 2", "--present", "little"], in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        let dates = TestSupport.parseValid(try text(folder)).sessions.map(\.date.description)
        #expect(dates == ["2026-11-12", "2026-11-19", "2026-11-26"])
        let check = try TestSupport.partsmap(["check"], in: folder)
        #expect(!check.stderr.contains("dated before"), "\(check.stderr)")
        let again = try TestSupport.partsmap(["session", "add", "--date", "2026-11-19", "--title", "Session 2"], in: folder)
        #expect(again.status == 65, "\(again.stderr)")
        #expect(again.stderr.contains("already"), "\(again.stderr)")
    }

    @Test("session rm by date, or by date and title; session edit changes title and note")
    func sessionRemoveAndEdit() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let edit = try TestSupport.partsmap(["session", "edit", "2026-11-26", "--title", "Session 2", "--note", "Little spoke."], in: folder)
        #expect(edit.status == 0, "\(edit.stderr)")
        var sessions = TestSupport.parseValid(try text(folder)).sessions
        #expect(sessions.last?.title == "Session 2")
        #expect(sessions.last?.notes == ["Little spoke."])
        let wrong = try TestSupport.partsmap(["session", "rm", "2026-11-26", "--title", "Nope"], in: folder)
        #expect(wrong.status == 65, "\(wrong.stderr)")
        let removed = try TestSupport.partsmap(["session", "rm", "2026-11-12"], in: folder)
        #expect(removed.status == 0, "\(removed.stderr)")
        sessions = TestSupport.parseValid(try text(folder)).sessions
        #expect(sessions.map(\.date.description) == ["2026-11-26"])
        let missing = try TestSupport.partsmap(["session", "rm", "2026-01-01"], in: folder)
        #expect(missing.status == 65)
    }

    @Test("Small ones: help, summaries and messages read right")
    func smallOnes() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let help = try TestSupport.partsmap(["part", "add", "--help"], in: folder)
        #expect(!help.stdout.contains("(repeat). (repeat)"), "\(help.stdout)")
        #expect(help.stdout.contains("unknown, noticed") || help.stdout.contains(PartStatus.allCases.map(\.rawValue).joined(separator: ", ")),
                "\(help.stdout)")
        let sessions = try TestSupport.partsmap(["session", "list"], in: folder)
        #expect(!sessions.stdout.contains("of 1 Cs"), "\(sessions.stdout)")
        #expect(sessions.stdout.contains("calm 6"), "\(sessions.stdout)")
        let tidy = try TestSupport.partsmap(["fmt"], in: folder)
        #expect(tidy.status == 0)
        #expect(tidy.stderr.contains("already tidy"), "\(tidy.stderr)")
    }
}

extension FirstWeekTests {
    @Test("The README's hand-written map is in canonical form (what 'partsmap fmt' writes)")
    func readmeExampleIsCanonical() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = readme.components(separatedBy: "## A map by hand").dropFirst().first,
              let block = section.components(separatedBy: "```").dropFirst().first else {
            Issue.record("no hand-written map in README.md")
            return
        }
        let text = String(block.drop { $0 == "\n" })
        let map = TestSupport.parseValid(text)
        #expect(MapPrinter.print(map) == text, "\(MapPrinter.print(map))")
    }

    @Test("diff says 'unrated' for a quality rated on one side only")
    func diffUnrated() throws {
        let old = TestSupport.parseValid(FirstWeekTests.map)
        let new = TestSupport.parseValid(FirstWeekTests.map.replacingOccurrences(of: "self: calm 6", with: "self: curiosity 5"))
        let text = DiffReport(MapDiff(from: old, to: new)).text
        #expect(!text.contains("→ –") && !text.contains("– →"), "\(text)")
        #expect(text.contains("calm 6 → unrated") && text.contains("curiosity unrated → 5"), "\(text)")
    }
}
