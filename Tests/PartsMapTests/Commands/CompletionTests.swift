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
        (["relate", "fog", "protects", ""], ["fog", "little"]), (["render", "--focus", ""], ["fog", "little"]),
        (["session", "add", "--present", "fog,l"], ["fog,little"]),
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

    /// A shell the test needs: missing outside CI, the test is skipped with a notice; in CI
    /// (`PARTSMAP_CI=1`, where `.ci/run` installs zsh and fish) its absence fails.
    func shell(_ name: String) -> String? {
        if let found = ExecutableSearch.find(name) { return found }
        if ProcessInfo.processInfo.environment["PARTSMAP_CI"] == "1" {
            Issue.record("\(name) is needed in CI to drive its completion")
        } else {
            print("note: skipped the \(name) completion test: \(name) is not installed")
        }
        return nil
    }

    /// What completion offers for each line, with descriptions and the like stripped: the
    /// candidates, sorted, and the messages of the shell.
    typealias Offers = (line: String, expected: [String])

    static let cases: [Offers] = [
        ("partsmap part show ", ["fog", "little"]),
        ("partsmap part show l", ["little"]),
        ("partsmap relate fog protects ", ["fog", "little"]),
        ("partsmap session rm ", ["2026-11-19"]),
        ("partsmap render --focus ", ["fog", "little"]),
        ("partsmap render --layout ", ["auto", "circo", "clinical", "dot", "fdp", "neato", "sfdp", "twopi"]),
        ("partsmap render --fo", ["--focus", "--force", "--format"]),
        ("partsmap part show --m", ["--map"]),
        ("partsmap ses", ["session"]),
        ("partsmap session ", ["add", "edit", "list", "rm", "show"]),
    ]

    @Test("fish completes commands, options, part IDs and session dates, never partsmap's own files")
    func fish() throws {
        guard let fish = shell("fish") else { return }
        let (folder, path) = try setUp()
        defer { TestSupport.cleanUp(folder) }
        let script = try TestSupport.partsmap(["completions", "fish"], in: folder).stdout
        try script.write(to: folder.appendingPathComponent("c.fish"), atomically: true, encoding: .utf8)
        for (line, expected) in Self.cases {
            let result = try TestSupport.run(fish, ["--no-config", "-c", "source c.fish; complete -C '\(line)'"],
                                             environment: ["PATH": path, "HOME": folder.path], in: folder)
            let offered = result.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
            #expect(offered.sorted() == expected, "\(line): \(result.stdout) \(result.stderr)")
        }
        // The top level offers every command.
        let top = try TestSupport.run(fish, ["--no-config", "-c", "source c.fish; complete -C 'partsmap '"],
                                      environment: ["PATH": path, "HOME": folder.path], in: folder)
        let commands = Set(top.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) })
        #expect(commands.isSuperset(of: CompletionsCommand.topWords(CommandLineTool.commandSpecs)), "\(top.stdout)")
    }

    /// Drives a real interactive zsh through a pseudo-terminal (zsh/zpty): loads the generated
    /// completion with compinit, types LINE and TAB, and writes every candidate zsh's completion
    /// system adds (the real `compadd`, watched) to OUT, one a line.
    static let zshDriver = #"""
        # zsh -f drive.zsh OUT FPATH-DIR LINE
        zmodload zsh/zpty || exit 3
        out=$1 dir=$2 line=$3
        zpty z zsh -f -i
        zpty -w z "PS1=''; unsetopt zle_bracketed_paste 2>/dev/null; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
        zpty -w z "compadd() { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi; local -a __hits; builtin compadd -A __hits \"\$@\"; (( \$#__hits )) && print -rl -- \$__hits >> ${(q)out}; builtin compadd \"\$@\"; }"
        # 'rea''dy' is echoed as typed; only the shell's own output reads 'ready'.
        zpty -w z "zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false; comppostfuncs=(exit); bindkey '^I' complete-word; print rea''dy"
        local chunk seen
        float deadline=$(( SECONDS + 60 ))
        until [[ $seen == *ready* ]] || (( SECONDS > deadline )); do
            if zpty -r -t z chunk 2>/dev/null; then seen+=$chunk; else sleep 0.01; fi
        done
        [[ $seen == *ready* ]] || { print -u2 "zsh did not start: $seen"; zpty -d z; exit 4 }
        zpty -w -n z "$line"$'\t'
        # The completion ends the shell (comppostfuncs); wait for that, reading what it prints.
        while zpty -t z 2>/dev/null && (( SECONDS < deadline )); do zpty -r -t z chunk 2>/dev/null || sleep 0.01; done
        zpty -d z 2>/dev/null
        (( SECONDS < deadline ))
        """#

    @Test("zsh, driven for real: commands, options, part IDs and session dates, never partsmap's own files")
    func zsh() throws {
        let (folder, path) = try setUp()
        defer { TestSupport.cleanUp(folder) }
        let script = try TestSupport.partsmap(["completions", "zsh"], in: folder).stdout
        guard let zsh = shell("zsh") else { return }
        let functions = folder.appendingPathComponent("functions")
        try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
        try script.write(to: functions.appendingPathComponent("_partsmap"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(zsh, ["-n", functions.path + "/_partsmap"]).status == 0)
        try Self.zshDriver.write(to: folder.appendingPathComponent("drive.zsh"), atomically: true, encoding: .utf8)
        let out = folder.path + "/offered"
        func offered(_ line: String) throws -> [String] {
            try? FileManager.default.removeItem(atPath: out)
            let result = try TestSupport.run(zsh, ["-f", "drive.zsh", out, functions.path, line],
                                             environment: ["PATH": path, "HOME": folder.path], in: folder)
            #expect(result.status == 0, "\(line): the driven zsh did not finish: \(result.stderr)")
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            return Array(Set(text.split(separator: "\n").map(String.init))).sorted()
        }
        for (line, expected) in Self.cases {
            #expect(try offered(line) == expected, "\(line)")
        }
        #expect(try offered("partsmap session add --present fog,").contains("little"))
        let commands = try offered("partsmap ")
        #expect(Set(commands) == Set(CompletionsCommand.topWords(CommandLineTool.commandSpecs)), "\(commands)")
        // Where files are expected, they are offered (the completion is not simply empty), but
        // not the map's lock file.
        let files = try offered("partsmap check ")
        #expect(files.contains("notes.txt") && files.contains("map.parts") && !files.contains(".map.parts.lock"), "\(files)")
    }
}
