import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

/// The editing commands, driven through the real binary, checked on the file on disk.
@Suite("Workbook commands")
struct WorkbookCommandTests {
    static let handWritten = """
        # Sam's map, written by hand.
        partsmap 1
        title: Sam

        # The numbing one.
        part fog: The Fog   # spacing the person chose
          role: manager
          x-colour: grey     # custom field
          age: 12

        part little: Little One
          role: exile

        fog protects little

        session 2026-11-19: Session 11
          present: fog, little
          note:
            The fog said it started the winter dad left.

        # closing thoughts

        """

    func workbook(_ text: String = handWritten) throws -> URL {
        let folder = try TestSupport.makeTemporaryFolder()
        try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        return folder
    }

    func mapText(_ folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("map.parts"), encoding: .utf8)
    }

    func map(_ folder: URL) throws -> SystemMap {
        TestSupport.parseValid(try mapText(folder))
    }

    @discardableResult
    func partsmap(_ arguments: [String], in folder: URL, input: String? = nil, expect status: Int32 = 0,
                  sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TestSupport.ProcessResult {
        let result = try TestSupport.partsmap(arguments, input: input.map { Data($0.utf8) }, in: folder)
        #expect(result.status == status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// Lines removed and added between two texts (a multiset diff, enough to prove an edit is local).
    func changedLines(_ before: String, _ after: String) -> (removed: [String], added: [String]) {
        var remaining = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var added: [String] = []
        for line in after.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let index = remaining.firstIndex(of: line) { remaining.remove(at: index) } else { added.append(line) }
        }
        return (remaining.filter { !$0.isEmpty }, added.filter { !$0.isEmpty })
    }

    @Test func initCreatesAPrivateWorkbookAndRefusesToOverwrite() throws {
        let parent = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(parent) }
        try partsmap(["init", "book", "--title", "Sam's map"], in: parent)
        let folder = parent.appendingPathComponent("book")
        let manager = FileManager.default
        #expect((try manager.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int) == 0o700)
        #expect((try manager.attributesOfItem(atPath: folder.appendingPathComponent("map.parts").path)[.posixPermissions] as? Int) == 0o600)
        #expect(try map(folder).title == "Sam's map")
        #expect(try String(contentsOf: folder.appendingPathComponent(".gitignore"), encoding: .utf8).contains("*.svg"))
        #expect(try String(contentsOf: folder.appendingPathComponent(".gitattributes"), encoding: .utf8).contains("*.parts"))
        if ExecutableSearch.find("git") != nil {
            #expect(manager.fileExists(atPath: folder.appendingPathComponent(".git").path))
        }
        let before = try mapText(folder)
        let again = try partsmap(["init", "book"], in: parent, expect: 73)
        #expect(again.stderr.contains("already exists"))
        #expect(try mapText(folder) == before)
    }

    @Test func partAddAppendsLinesAndChangesNothingElse() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        try partsmap(["part", "add", "scroller", "--name", "The Scroller", "--role", "firefighter", "--age", "15",
                      "--feeling", "restless", "--feeling", "wired", "--belief", "I need relief", "--burden", "personal:never enough",
                      "--tag", "night,phone", "--intent", "to soothe"], in: folder)
        let after = try mapText(folder)
        let diff = changedLines(Self.handWritten, after)
        #expect(diff.removed.isEmpty, "nothing the person wrote was rewritten")
        #expect(diff.added == ["part scroller: The Scroller", "  role: firefighter", "  age: 15", "  feelings: restless, wired",
                               "  beliefs: \"I need relief\"", "  intent: to soothe", "  burden personal: \"never enough\"",
                               "  tags: night, phone"])
        let part = try #require(try map(folder).part(PartID(unchecked: "scroller")))
        #expect(part.role == .firefighter)
        #expect(part.burdens == [Burden(.personal, "never enough")])
    }

    @Test func partSetChangesOnlyItsLineAndKeepsComments() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        try partsmap(["part", "set", "fog", "age", "13"], in: folder)
        try partsmap(["part", "set", "fog", "x-colour", "silver"], in: folder)
        try partsmap(["part", "set", "fog", "name", "The Big Fog"], in: folder)
        let diff = changedLines(Self.handWritten, try mapText(folder))
        #expect(diff.removed == ["part fog: The Fog   # spacing the person chose", "  x-colour: grey     # custom field", "  age: 12"])
        #expect(diff.added == ["part fog: The Big Fog  # spacing the person chose", "  x-colour: silver  # custom field", "  age: 13"])
        try partsmap(["part", "unset", "fog", "age"], in: folder)
        #expect(try map(folder).part(PartID(unchecked: "fog"))?.age == nil)
        let missing = try partsmap(["part", "unset", "fog", "age"], in: folder, expect: 65)
        #expect(missing.stderr.contains("has no age"))
        let badRole = try partsmap(["part", "set", "fog", "role", "manger"], in: folder, expect: 64)
        #expect(badRole.stderr.contains("did you mean 'manager'?"))
    }

    @Test func renameUpdatesEveryReference() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        try partsmap(["part", "rename", "fog", "numbing"], in: folder)
        let text = try mapText(folder)
        #expect(!text.contains("fog protects"))
        let map = try map(folder)
        #expect(map.relationships.first?.from == .part(PartID(unchecked: "numbing")))
        #expect(map.sessions.first?.present.map(\.rawValue) == ["numbing", "little"])
        #expect(text.contains("# The numbing one.\npart numbing: The Fog  # spacing the person chose\n  role: manager\n"))
        try partsmap(["part", "rename", "numbing", "little"], in: folder, expect: 65)
    }

    @Test func removeRefusesWhileReferencedUnlessCascading() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        let before = try mapText(folder)
        let refused = try partsmap(["part", "rm", "little"], in: folder, expect: 65)
        #expect(refused.stderr.contains("--cascade"))
        #expect(try mapText(folder) == before)
        try partsmap(["part", "rm", "little", "--cascade"], in: folder)
        let map = try map(folder)
        #expect(map.part(PartID(unchecked: "little")) == nil)
        #expect(map.relationships.isEmpty)
        #expect(map.sessions.first?.present.map(\.rawValue) == ["fog"])
        #expect(try mapText(folder).hasSuffix("\n# closing thoughts\n"))
    }

    @Test func relateAndUnrelate() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        try partsmap(["relate", "fog", "blends", "self", "--note", "takes the seat"], in: folder)
        #expect(try mapText(folder).contains("fog protects little\nfog blends self: takes the seat\n"))
        let duplicate = try partsmap(["relate", "little", "protects", "fog"], in: folder)
        _ = duplicate
        let again = try partsmap(["relate", "fog", "protects", "little"], in: folder, expect: 65)
        #expect(again.stderr.contains("already records 'fog protects little'"))
        let unknown = try partsmap(["relate", "fog", "protects", "litle"], in: folder, expect: 65)
        #expect(unknown.stderr.contains("did you mean 'little'?"))
        let badKind = try partsmap(["relate", "fog", "protect", "little"], in: folder, expect: 64)
        #expect(badKind.stderr.contains("did you mean 'protects'?"))
        try partsmap(["unrelate", "fog", "blends", "self"], in: folder)
        try partsmap(["unrelate", "little", "protects", "fog"], in: folder)
        #expect(try mapText(folder) == Self.handWritten)
        try partsmap(["unrelate", "fog", "blends", "self"], in: folder, expect: 65)
    }

    @Test func sessionAddRecordsEverythingAndUpdatesStatus() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        try partsmap(["session", "add", "--date", "2026-11-26", "--title", "Session 12", "--present", "fog,little",
                      "--self", "calm=6,curiosity=7", "--status", "fog=befriended", "--homework", "notice the fog",
                      "--note", "It softened.\nIt said thank you."], in: folder)
        let map = try map(folder)
        let session = try #require(map.sessions.last)
        #expect(session.date == CalendarDate("2026-11-26"))
        #expect(session.title == "Session 12")
        #expect(session.selfEnergy == [QualityRating(.calm, 6), QualityRating(.curiosity, 7)])
        #expect(session.statusChanges == [StatusChange(part: PartID(unchecked: "fog"), to: .befriended)])
        #expect(session.notes == ["It softened.\nIt said thank you."])
        #expect(map.part(PartID(unchecked: "fog"))?.status == .befriended)
        let list = try partsmap(["session", "list"], in: folder)
        #expect(list.stdout.contains("2  2026-11-26  Session 12"))
        let show = try partsmap(["session", "show", "2026-11-26"], in: folder)
        #expect(show.stdout.contains("Status of The Fog (fog): → befriended"))
        #expect(try partsmap(["session", "show", "2"], in: folder).stdout == show.stdout)
        try partsmap(["session", "show", "9"], in: folder, expect: 65)
        let badRating = try partsmap(["session", "add", "--self", "calm=11"], in: folder, expect: 64)
        #expect(badRating.stderr.contains("ratings run from 0 to 10"))
    }

    @Test func sessionNoteFromFileAndFromEditor() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        try "From a file.\n".write(to: folder.appendingPathComponent("note.txt"), atomically: true, encoding: .utf8)
        try partsmap(["session", "add", "--date", "2026-11-20", "--note-file", "note.txt"], in: folder)
        #expect(try map(folder).sessions.last?.notes == ["From a file."])
        // An "editor" that appends a line to the file it is given.
        let editor = folder.appendingPathComponent("fake-editor").path
        try TestSupport.writeExecutable("#!/bin/sh\necho 'Written in the editor.' >> \"$1\"\n", to: editor)
        let result = try TestSupport.partsmap(["session", "add", "--date", "2026-11-21", "--edit"],
                                              environment: ["VISUAL": editor], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try map(folder).sessions.last?.notes == ["Written in the editor."])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("partsmap-") }
        #expect(leftovers.isEmpty)
    }

    @Test func partListAndShow() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        let list = try partsmap(["part", "list"], in: folder)
        #expect(list.stdout == "ID      NAME        ROLE     STATUS  LAST SEEN\nfog     The Fog     manager  -       2026-11-19\nlittle  Little One  exile    -       2026-11-19\n")
        let show = try partsmap(["part", "show", "fog"], in: folder)
        #expect(show.stdout.contains("The Fog (fog)"))
        #expect(show.stdout.contains("Role: manager · Age: 12"))
        #expect(show.stdout.contains("The Fog (fog) protects Little One (little)"))
        #expect(show.stdout.contains("x-colour: grey"))
    }

    @Test func exploreThroughAPipeWritesAnswersAndASession() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        let answers = ["behind the eyes", "flat, heavy", "", "turns feelings down", "annoyed, I want it gone", "Worried One",
                       "curious about it", "keeps grief from flooding", "", ""].joined(separator: "\n") + "\n"
        let result = try partsmap(["explore", "fog", "--date", "2026-11-26"], in: folder, input: answers)
        #expect(result.stdout.contains("another part may be here"))
        #expect(result.stdout.contains("That sounds like Self-energy"))
        let map = try map(folder)
        let fog = try #require(map.part(PartID(unchecked: "fog")))
        #expect(fog.body == ["behind the eyes"])
        #expect(fog.feelings == ["flat", "heavy"])
        #expect(fog.jobs == ["turns feelings down"])
        #expect(fog.intents == ["keeps grief from flooding"])
        #expect(fog.fears.isEmpty, "a skipped question writes nothing")
        #expect(fog.age == "12")
        let worried = try #require(map.part(PartID(unchecked: "worried-one")))
        #expect(worried.status == .noticed)
        let session = try #require(map.sessions.last)
        #expect(session.present.map(\.rawValue) == ["fog", "worried-one"])
        #expect(session.fields.contains { $0.value == .sixFs(part: PartID(unchecked: "fog"), step: .befriend) })
    }

    @Test func exploreSavesNothingWhenDeclined() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        try partsmap(["explore", "fog"], in: folder, input: "behind the eyes\nstop\nno\n")
        #expect(try mapText(folder) == Self.handWritten)
    }

    @Test func aMapThatDoesNotParseIsNeverWritten() throws {
        let broken = Self.handWritten.replacingOccurrences(of: "role: exile", with: "role: exle")
        let folder = try workbook(broken)
        defer { TestSupport.cleanUp(folder) }
        let path = folder.appendingPathComponent("map.parts").path
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        for command in [["part", "add", "x"], ["relate", "fog", "allied", "little"], ["session", "add", "--note", "hi"],
                        ["part", "set", "fog", "age", "3"]] {
            let result = try partsmap(command, in: folder, expect: 65)
            #expect(result.stderr.contains("map.parts:12:9: error: unknown role 'exle'"))
        }
        #expect(try mapText(folder) == broken)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == before)
    }

    @Test func editsKeepPermissionsAndLeaveNoTemporaryFiles() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        let path = folder.appendingPathComponent("map.parts").path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try partsmap(["part", "add", "x", "--name", "X"], in: folder)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o640)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == [".map.parts.lock", "map.parts"])
    }

    @Test func twentyConcurrentAddsLoseNothing() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        let processes = try (0..<20).map { index -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestSupport.partsmapBinary)
            process.arguments = ["part", "add", "p\(index)", "--name", "Part \(index)", "--role", "manager"]
            process.currentDirectoryURL = folder
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let map = try map(folder)
        #expect(map.parts.count == 22)
        for index in 0..<20 { #expect(map.part(PartID(unchecked: "p\(index)")) != nil) }
    }

    @Test(arguments: [
        (["part", "add"], "say the new part's ID"),
        (["part", "add", "Bad!"], "is not a valid part ID"),
        (["part", "add", "self"], "cannot be a part ID"),
        (["part", "add", "x", "--role"], "'--role' needs a value"),
        (["part", "add", "x", "--burden", "heavy"], "'--burden' takes KIND:TEXT"),
        (["part", "set", "fog", "age"], "give a part ID, a field and a value"),
        (["part", "set", "fog", "colour", "red"], "unknown field 'colour'"),
        (["session", "add", "--date", "2026-13-01"], "is not a date"),
        (["session", "add", "--status", "fog"], "'--status' takes ID=STATUS"),
        (["session", "add", "--note", "a", "--edit"], "give only one of --note, --note-file and --edit"),
        (["relate", "fog", "protects"], "give two parts and a relationship"),
        (["completions", "tcsh"], "unknown shell 'tcsh'"),
    ])
    func badArgumentsAreUsageErrors(arguments: [String], message: String) throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        let result = try partsmap(arguments, in: folder, expect: 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("usage: partsmap"))
        #expect(try mapText(folder) == Self.handWritten)
    }

    @Test func exportImportRoundTripsThroughTheCLI() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        let exported = try partsmap(["export", "--format", "json"], in: folder)
        try exported.stdoutData.write(to: folder.appendingPathComponent("map.json"))
        #expect(try partsmap(["export"], in: folder).stdoutData == exported.stdoutData, "deterministic")
        try partsmap(["import", "map.json", "--map", "copy.parts"], in: folder)
        let copy = try String(contentsOf: folder.appendingPathComponent("copy.parts"), encoding: .utf8)
        #expect(TestSupport.parseValid(copy) == (try map(folder)))
        let refused = try partsmap(["import", "map.json"], in: folder, expect: 73)
        #expect(refused.stderr.contains("--force"))
        try "{\"format\": \"partsmap\", \"version\": 1, \"items\": [{\"type\": \"part\", \"id\": \"bad id\", \"fields\": []}]}"
            .write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let bad = try partsmap(["import", "bad.json", "--map", "other.parts"], in: folder, expect: 65)
        #expect(bad.stderr.contains("items[0].id: 'bad id' is not a valid part ID"))
        try "{\"format\": \"partsmap\",\n \"version\": }".write(to: folder.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let broken = try partsmap(["import", "broken.json", "--map", "other.parts"], in: folder, expect: 65)
        #expect(broken.stderr.contains("broken.json:2:13: error: expected a value"))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsAreValidAndCoverEveryCommand(shell: String) throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        let result = try partsmap(["completions", shell], in: folder)
        for spec in CommandLineTool.commandSpecs {
            for word in spec.name.split(separator: " ") { #expect(result.stdout.contains(String(word))) }
            for option in spec.options { #expect(result.stdout.contains(String(option.long.dropFirst(2)))) }
        }
        guard let program = ExecutableSearch.find(shell) else {
            // CI installs every shell and sets PARTSMAP_CI, so there the check always runs.
            if ProcessInfo.processInfo.environment["PARTSMAP_CI"] == "1" {
                Issue.record("\(shell) is not installed")
            }
            return
        }
        let script = folder.appendingPathComponent("completion.\(shell)")
        try result.stdoutData.write(to: script)
        let check = try TestSupport.run(program, ["-n", script.path])
        #expect(check.status == 0, "\(shell) -n: \(check.stderr)")
    }

    /// `burden add`: on a part after its other burdens' place in the table, or at the top level;
    /// only the new lines are added, and bad words are usage errors with a did-you-mean.
    @Test func burdenAddRecordsAttachedAndUnattachedBurdens() throws {
        let folder = try workbook()
        defer { TestSupport.cleanUp(folder) }
        let before = try mapText(folder)
        try partsmap(["burden", "add", "personal preverbal:terror when the door closes", "--part", "Little One"], in: folder)
        try partsmap(["burden", "add", "legacy from father, grandfather:Men manage alone."], in: folder)
        let after = try mapText(folder)
        let changes = changedLines(before, after)
        #expect(changes.removed.isEmpty)
        #expect(changes.added == ["  burden personal preverbal: terror when the door closes",
                                  "burden legacy from father, grandfather: \"Men manage alone.\""])
        let map = try map(folder)
        #expect(map.part(PartID(unchecked: "little"))?.burdens == [Burden(.personal, "terror when the door closes", form: .preverbal)])
        #expect(map.unattachedBurdens.map(\.burden) == [Burden(.legacy, "Men manage alone.", lineage: ["father", "grandfather"])])
        // The top-level burden goes with the one-line items, before the sessions.
        #expect(try #require(after.range(of: "burden legacy from father")).lowerBound < (try #require(after.range(of: "session 2026"))).lowerBound)

        let typo = try partsmap(["burden", "add", "legacy witnesed:x"], in: folder, expect: 64)
        #expect(typo.stderr.contains("unknown burden state or form 'witnesed'; did you mean 'witnessed'?"))
        try partsmap(["burden", "add", "personal:x", "--part", "nobody"], in: folder, expect: 65)
        #expect(try mapText(folder) == after, "a refused command leaves the map as it was")
    }
}
