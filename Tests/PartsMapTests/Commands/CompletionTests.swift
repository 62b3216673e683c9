import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

/// Completion offers what a command expects: part IDs after `part show`, session dates after
/// `session show`, read from the map (`--map` too), never file names or partsmap's own files.
@Suite("Completion of part IDs and session dates")
struct CompletionTests {
    static let map = """
        partsmap 1

        part fog: The Fog
          role: manager

        part little: Little
          role: exile

        session 2026-11-19: One
          present: fog

        """

    func setUp() throws -> (folder: URL, path: String) {
        let folder = try TestSupport.makeTemporaryFolder()
        try Self.map.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        try "x".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "x".write(to: folder.appendingPathComponent(".map.parts.lock"), atomically: true, encoding: .utf8)
        let bin = folder.appendingPathComponent("bin").path
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/partsmap", withDestinationPath: TestSupport.partsmapBinary)
        return (folder, bin + ":/usr/bin:/bin")
    }

    @Test("partsmap completions parts|sessions lists what the map holds")
    func listing() throws {
        let (folder, _) = try setUp()
        defer { TestSupport.cleanUp(folder) }
        #expect(try TestSupport.partsmap(["completions", "parts"], in: folder).stdout == "fog\nlittle\n")
        #expect(try TestSupport.partsmap(["completions", "sessions"], in: folder).stdout == "2026-11-19\n")
        let elsewhere = try TestSupport.partsmap(["completions", "parts", "--map", folder.path + "/map.parts"])
        #expect(elsewhere.stdout == "fog\nlittle\n")
        let none = try TestSupport.partsmap(["completions", "parts"], in: folder.appendingPathComponent("bin"))
        #expect(none.status == 0 && none.stdout.isEmpty && none.stderr.isEmpty)
    }

    @Test("bash completes part IDs and session dates", arguments: [
        (["part", "show", ""], ["fog", "little"]), (["part", "set", "l"], ["little"]), (["session", "show", ""], ["2026-11-19"]),
        (["relate", "fog", "protects", ""], ["fog", "little"]),
    ])
    func bash(words: [String], expected: [String]) throws {
        guard let bash = ExecutableSearch.find("bash") else { return }
        let (folder, path) = try setUp()
        defer { TestSupport.cleanUp(folder) }
        let script = try TestSupport.partsmap(["completions", "bash"], in: folder).stdout
        try script.write(to: folder.appendingPathComponent("c.bash"), atomically: true, encoding: .utf8)
        let all = ["partsmap"] + words
        let driver = """
            source ./c.bash
            COMP_WORDS=(\(all.map { "'\($0)'" }.joined(separator: " ")))
            COMP_CWORD=\(all.count - 1)
            _partsmap
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try TestSupport.run(bash, ["-c", driver], environment: ["PATH": path], in: folder)
        let offered = result.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("--") && !$0.hasPrefix("-") }
        #expect(offered.sorted() == expected, "\(result.stdout) \(result.stderr)")
    }

    @Test("fish completes part IDs and session dates")
    func fish() throws {
        guard let fish = ExecutableSearch.find("fish") else { return }
        let (folder, path) = try setUp()
        defer { TestSupport.cleanUp(folder) }
        let script = try TestSupport.partsmap(["completions", "fish"], in: folder).stdout
        try script.write(to: folder.appendingPathComponent("c.fish"), atomically: true, encoding: .utf8)
        for (line, expected) in [("partsmap part show ", ["fog", "little"]), ("partsmap session rm ", ["2026-11-19"])] {
            let result = try TestSupport.run(fish, ["--no-config", "-c", "source c.fish; complete -C '\(line)'"],
                                             environment: ["PATH": path, "HOME": folder.path], in: folder)
            let offered = result.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }.filter { !$0.hasPrefix("-") }
            #expect(offered.sorted() == expected, "\(line): \(result.stdout) \(result.stderr)")
        }
    }

    @Test("zsh's script asks partsmap for part IDs and dates, and parses")
    func zsh() throws {
        let (folder, _) = try setUp()
        defer { TestSupport.cleanUp(folder) }
        let script = try TestSupport.partsmap(["completions", "zsh"], in: folder).stdout
        #expect(script.contains("partsmap completions $1"))
        #expect(script.contains("_partsmap_listed parts") && script.contains("_partsmap_listed sessions"))
        #expect(script.contains("'session show') _arguments") && script.contains("_partsmap_sessions';;"))
        #expect(script.contains("'part show') _arguments") && script.contains("_partsmap_parts"))
        guard let zsh = ExecutableSearch.find("zsh") else { return }
        try script.write(to: folder.appendingPathComponent("c.zsh"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(zsh, ["-n", folder.path + "/c.zsh"]).status == 0)
    }
}
