import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a map lives among: links, FIFOs, read-only files, devices, standard output, CRLF
/// maps, leftovers and the render cache. Every test drives the real binary and looks at disk.
@Suite("File safety")
struct FileSafetyTests {
    static let map = """
        partsmap 1
        title: Files

        part fog: The Fog
          role: manager

        """

    func folder(_ text: String = map) throws -> URL {
        let folder = try TestSupport.makeTemporaryFolder()
        try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        return folder
    }

    func text(_ folder: URL, _ name: String = "map.parts") throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode : 0
    }

    /// Runs partsmap directly (posix_spawn) and kills it if it has not finished in `seconds`:
    /// nil means it hung.
    func runBounded(_ arguments: [String], in folder: URL, seconds: Double = 10,
                    environment: [String: String] = [:]) throws -> (exit: Int32, stderr: String)? {
        let errors = folder.path + "/.stderr-\(UUID().uuidString)"
        // In the folder, without changing this process's directory (other tests run meanwhile).
        func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "cd \(quoted(folder.path)) && exec " + ([TestSupport.partsmapBinary] + arguments).map(quoted).joined(separator: " ")
        let child = try Reliability.Child.spawn("/bin/sh", ["-c", command], stderr: errors, environment: environment)
        let deadline = Reliability.now() + seconds
        var status: Int32 = 0
        while Reliability.now() < deadline {
            if waitpid(child.pid, &status, WNOHANG) == child.pid {
                let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
                try? FileManager.default.removeItem(atPath: errors)
                return ((status >> 8) & 0xFF, message)
            }
            usleep(10_000)
        }
        child.send()
        _ = child.wait()
        return nil
    }

    @Test("An edit through a symbolic link edits the real map and keeps the link")
    func symlinkedMap() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.parts", withDestinationPath: "map.parts")
        let result = try TestSupport.partsmap(["part", "add", "little", "--role", "exile", "--map", "link.parts"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(mode(folder.path + "/link.parts") & S_IFMT == S_IFLNK, "the link was replaced by a file")
        #expect(try text(folder).contains("part little"))
        #expect(mode(folder.path + "/link.parts") & S_IFMT == S_IFLNK)
    }

    @Test("Concurrent writers through a link and the real path lose nothing")
    func symlinkConcurrency() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.parts", withDestinationPath: folder.path + "/map.parts")
        let children = try (0..<10).map { index in
            try Reliability.Child.spawn(TestSupport.partsmapBinary,
                                        ["part", "add", "p\(index)", "--map", folder.path + (index % 2 == 0 ? "/link.parts" : "/map.parts")])
        }
        let exits = children.map { $0.wait() }
        #expect(exits.allSatisfy { $0.exitCode == 0 })
        #expect(TestSupport.parseValid(try text(folder)).parts.count == 11)
        #expect(mode(folder.path + "/link.parts") & S_IFMT == S_IFLNK)
    }

    @Test("A FIFO as the map is refused at once, by every kind of command", arguments: [
        ["check", "pipe.parts"], ["render", "pipe.parts"], ["part", "add", "x", "--map", "pipe.parts"],
        ["part", "list", "--map", "pipe.parts"],
    ])
    func fifoMap(arguments: [String]) throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        #expect(mkfifo(folder.path + "/pipe.parts", 0o600) == 0)
        let result = try runBounded(arguments, in: folder)
        #expect(result != nil, "partsmap \(arguments.joined(separator: " ")) hung on a FIFO")
        #expect(result?.exit == 66, "\(result?.stderr ?? "")")
        #expect(result?.stderr.contains("not a regular file") == true, "\(result?.stderr ?? "")")
    }

    @Test("A read-only map is refused with exit 73 and left as it was", arguments: [
        ["part", "add", "little"], ["session", "add", "--date", "2026-11-20", "--note", "n"], ["part", "set", "fog", "age", "9"],
    ])
    func readOnlyMap(arguments: [String]) throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let path = folder.path + "/map.parts"
        chmod(path, 0o444)
        let result = try TestSupport.partsmap(arguments, in: folder)
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("read-only"), "\(result.stderr)")
        #expect(try text(folder) == FileSafetyTests.map)
        #expect(mode(path) & 0o777 == 0o444)
    }

    @Test("render --force does not replace a read-only picture")
    func readOnlyPicture() throws {
        guard TestSupport.dotPath != nil else { return }
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let picture = folder.path + "/map.svg"
        try "<svg xmlns='http://www.w3.org/2000/svg'/>".write(toFile: picture, atomically: true, encoding: .utf8)
        chmod(picture, 0o444)
        let result = try TestSupport.partsmap(["render", "--force"], environment: ["XDG_CACHE_HOME": folder.path + "/cache"], in: folder)
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("read-only"), "\(result.stderr)")
        #expect(try text(folder, "map.svg") == "<svg xmlns='http://www.w3.org/2000/svg'/>")
        #expect(Reliability.temporaryFiles(in: folder).isEmpty)
    }

    @Test("-o onto a device writes to the device and never replaces it")
    func outputToDevice() throws {
        guard getuid() == 0 else {
            print("skipped: making device nodes needs root")
            return
        }
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let null = folder.path + "/null"
        let full = folder.path + "/full"
        guard mknod(null, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0, mknod(full, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 else {
            print("skipped: mknod not permitted here")
            return
        }
        let written = try TestSupport.partsmap(["export", "map.parts", "-o", "null"], in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(mode(null) & S_IFMT == S_IFCHR)
        let refused = try TestSupport.partsmap(["export", "map.parts", "-o", "full"], in: folder)
        #expect(refused.status == 73, "\(refused.stderr)")
        #expect(refused.stderr.contains("disk full"), "\(refused.stderr)")
        #expect(mode(full) & S_IFMT == S_IFCHR)
        if TestSupport.dotPath != nil {
            let picture = try TestSupport.partsmap(["render", "map.parts", "-o", "null", "--format", "svg"], environment: ["XDG_CACHE_HOME": folder.path + "/cache"], in: folder)
            #expect(picture.status == 0, "\(picture.stderr)")
            #expect(mode(null) & S_IFMT == S_IFCHR)
        }
        #expect(Reliability.temporaryFiles(in: folder).isEmpty)
    }

    @Test("-o onto a FIFO nobody reads, or a folder, is refused without blocking")
    func outputToFIFO() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        #expect(mkfifo(folder.path + "/pipe", 0o600) == 0)
        let result = try runBounded(["export", "map.parts", "-o", "pipe"], in: folder)
        #expect(result?.exit == 73, "\(result?.stderr ?? "hung")")
        #expect(mode(folder.path + "/pipe") & S_IFMT == S_IFIFO)
        try FileManager.default.createDirectory(atPath: folder.path + "/dir.json", withIntermediateDirectories: false)
        let intoFolder = try TestSupport.partsmap(["export", "map.parts", "-o", "dir.json"], in: folder)
        #expect(intoFolder.status == 73, "\(intoFolder.stderr)")
    }

    @Test("-o - writes to standard output for every one-file command")
    func dashIsStandardOutput() throws {
        let folder = try folder(FileSafetyTests.map + "\nsession 2026-11-19: One\n  self: calm 5\n")
        defer { TestSupport.cleanUp(folder) }
        var commands: [(arguments: [String], starts: String)] = [
            (["export", "-o", "-"], "{"),
            (["report", "-o", "-", "--format", "md"], "#"),
        ]
        if TestSupport.dotPath != nil {
            commands += [
                (["render", "-o", "-"], "<?xml"),
                (["render", "-o", "-", "-Tpng"], "\u{89}PNG"),
                (["render", "-o", "-", "--format", "pdf"], "%PDF"),
                (["worksheet", "fog", "-o", "-"], "<!DOCTYPE html>"),
                (["worksheet", "fog", "-o", "-", "-Tpdf"], "%PDF"),
                (["self-chart", "-o", "-"], "<svg"),
            ]
        }
        for command in commands {
            let result = try TestSupport.partsmap(command.arguments, environment: ["XDG_CACHE_HOME": folder.path + "/cache"], in: folder)
            #expect(result.status == 0, "\(command.arguments): \(result.stderr)")
            let expected = command.starts.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
            #expect(result.stdoutData.starts(with: expected), "\(command.arguments): \(Array(result.stdoutData.prefix(16)))")
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/-"), "\(command.arguments) made a file named '-'")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "map.parts" && $0 != "cache" && !$0.hasSuffix(".lock") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test("Graphviz's attached -Tpng and -Kneato are accepted")
    func attachedShortValues() throws {
        guard TestSupport.dotPath != nil else { return }
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let result = try TestSupport.partsmap(["render", "-Tpng", "-Kneato"], environment: ["XDG_CACHE_HOME": folder.path + "/cache"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let png = Reliability.bytes(of: folder.path + "/map.png")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test("A CRLF map keeps its line endings through edits")
    func crlfMap() throws {
        let crlf = FileSafetyTests.map.replacingOccurrences(of: "\n", with: "\r\n")
        let folder = try folder(crlf)
        defer { TestSupport.cleanUp(folder) }
        for arguments in [["part", "add", "little", "--role", "exile", "--note", "one"], ["part", "set", "fog", "age", "12"],
                          ["relate", "fog", "protects", "little"], ["session", "add", "--date", "2026-11-20", "--note", "n"]] {
            let result = try TestSupport.partsmap(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let bytes = Reliability.bytes(of: folder.path + "/map.parts")
        let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(!lineFeeds.isEmpty)
        #expect(lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D }, "\(Reliability.escaped(bytes))")
        #expect(!bytes.indices.contains { bytes[$0] == 0x0D && ($0 + 1 == bytes.count || bytes[$0 + 1] != 0x0A) })
        let map = TestSupport.parseValid(String(decoding: bytes, as: UTF8.self))
        #expect(map.parts.count == 2)
    }

    @Test("A value that starts with '-' is taken where a value is expected")
    func dashValues() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let set = try TestSupport.partsmap(["part", "set", "fog", "note", "- call mum"], in: folder)
        #expect(set.status == 0, "\(set.stderr)")
        let add = try TestSupport.partsmap(["part", "add", "little", "--note", "-x marks it", "--name", "--dashed"], in: folder)
        #expect(add.status == 0, "\(add.stderr)")
        let map = TestSupport.parseValid(try text(folder))
        let show = try TestSupport.partsmap(["part", "show", "fog"], in: folder)
        #expect(show.stdout.contains("- call mum"), "\(show.stdout)")
        #expect(map.part(PartID("little")!)?.name == "--dashed")
        // A misspelt option is still an unknown option, not a value.
        let typo = try TestSupport.partsmap(["render", "--leegend"], in: folder)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown option '--leegend'"), "\(typo.stderr)")
    }

    @Test("A render killed mid-write leaves nothing behind once partsmap runs again")
    func killedRenderLeftovers() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        // A Graphviz that never finishes: partsmap is killed while its temporary picture exists.
        let slow = folder.path + "/slow-dot"
        try TestSupport.writeExecutable("#!/bin/sh\nexec sleep 30\n", to: slow)
        let child = try Reliability.Child.spawn(TestSupport.partsmapBinary,
                                                ["render", folder.path + "/map.parts", "--graphviz", slow, "--force"],
                                                environment: ["XDG_CACHE_HOME": folder.path + "/cache"])
        var waited = 0
        while Reliability.temporaryFiles(in: folder).isEmpty && waited < 500 { usleep(10_000); waited += 1 }
        #expect(!Reliability.temporaryFiles(in: folder).isEmpty, "no temporary picture appeared")
        child.send(SIGKILL)
        _ = child.wait()
        // The sleeping 'dot' (its own process group) may outlive partsmap: end it.
        let again = try TestSupport.partsmap(["render", "--graphviz", "/bin/true", "--force"], environment: ["XDG_CACHE_HOME": folder.path + "/cache"], in: folder)
        _ = again
        #expect(Reliability.temporaryFiles(in: folder).isEmpty, "\(Reliability.temporaryFiles(in: folder))")
        let ignored = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!ignored.contains { $0.hasSuffix(".partsmap-cache") })
    }

    /// How the editor behaves when it gets a signal, and who gets one.
    enum EditorCase: String, CaseIterable, Sendable {
        /// The editor saved some words and sits there; SIGHUP reaches partsmap only.
        case savedThenHangUpToPartsmap
        /// A terminal hang-up: SIGHUP reaches the whole process group; the editor saves what it
        /// holds on the way out and exits 1 (as nano does).
        case hangUpToTheGroupEditorSavesOnTheWayOut
        /// SIGTERM to partsmap while the editor holds an empty note.
        case terminateWithAnEmptyNote
        /// The words cannot be recorded (an unknown part in --present): they are kept in a file.
        case hangUpButTheSessionIsRefused
    }

    @Test("SIGHUP or SIGTERM while the editor is open: the note is recorded (or kept), nothing left behind",
          arguments: EditorCase.allCases)
    func signalDuringEdit(_ editorCase: EditorCase) throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        guard let python = ExecutableSearch.find("python3") else {
            print("note: python3 is missing; the editor signal test is skipped")
            return
        }
        let before = try text(folder)
        let editor = folder.path + "/editor"
        let pidFile = folder.path + "/editor.pid"
        let typed = editorCase == .terminateWithAnEmptyNote ? "" : "echo 'private words' >> \"$1\"\n"
        // A real editor process that gets the signal (or partsmap's SIGTERM) while it waits; one
        // saves what it holds when signalled, the others just die.
        let group = editorCase == .hangUpToTheGroupEditorSavesOnTheWayOut
        let onSignal = "trap 'trap \"\" HUP TERM; echo \"saved on the way out\" >> \"$1\"; kill $! 2>/dev/null; exit 1' HUP TERM\n"
        try TestSupport.writeExecutable("#!/bin/sh\n" + (group ? onSignal : "") + typed + "echo $$ > \"\(pidFile)\"\n"
                                        + (group ? "sleep 30 & wait $!\n" : "exec sleep 30\n"), to: editor)
        // The test runner may ignore SIGHUP, and children inherit that: restore the defaults (as
        // a terminal's shell would) and, for a hang-up, give partsmap and the editor their own
        // process group, as a terminal session has.
        let wrapper = "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_DFL); signal.signal(signal.SIGTERM, signal.SIG_DFL); "
            + (group ? "os.setpgrp(); " : "") + "os.execv(sys.argv[1], sys.argv[1:])"
        let present = editorCase == .hangUpButTheSessionIsRefused ? ["--present", "nobody"] : []
        let stderrPath = folder.path + "/stderr"
        let child = try Reliability.Child.spawn(python, ["-c", wrapper, TestSupport.partsmapBinary, "session", "add",
                                                         "--map", folder.path + "/map.parts", "--date", "2026-11-20", "--edit"] + present,
                                                stderr: stderrPath, environment: ["VISUAL": editor, "EDITOR": editor])
        var waited = 0
        while !FileManager.default.fileExists(atPath: pidFile) && waited < 500 { usleep(10_000); waited += 1 }
        usleep(50_000)  // the editor is waiting now
        #expect(Reliability.temporaryFiles(in: folder).count == 1)
        let signal = editorCase == .terminateWithAnEmptyNote ? SIGTERM : SIGHUP
        if group { kill(-child.pid, signal) } else { child.send(signal) }
        let exit = child.wait()
        let editorPID = Int32((try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        let editorRunning = editorPID.map { kill($0, 0) == 0 } ?? false
        if let editorPID, editorRunning { kill(editorPID, SIGKILL) }
        let message = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        #expect(!editorRunning, "the editor outlived partsmap")
        #expect(exit.seconds < 10, "partsmap waited out the editor")
        #expect(Reliability.temporaryFiles(in: folder).isEmpty, "\(Reliability.temporaryFiles(in: folder))")
        let map = TestSupport.parseValid(try text(folder))
        switch editorCase {
        case .savedThenHangUpToPartsmap:
            #expect(exit.signal == SIGHUP, "\(exit) \(message)")
            #expect(map.sessions.last?.notes == ["private words"], "\(message)")
        case .hangUpToTheGroupEditorSavesOnTheWayOut:
            #expect(exit.signal == SIGHUP, "\(exit) \(message)")
            #expect(map.sessions.last?.notes == ["private words\nsaved on the way out"], "\(message)")
        case .terminateWithAnEmptyNote:
            #expect(exit.signal == SIGTERM, "\(exit) \(message)")
            #expect(try text(folder) == before)
            #expect(message.contains("nothing recorded"), "\(message)")
        case .hangUpButTheSessionIsRefused:
            #expect(exit.exitCode == 65, "\(exit) \(message)")
            #expect(try text(folder) == before)
            let kept = folder.path + "/map.parts.note-2026-11-20.txt"
            #expect(try String(contentsOfFile: kept, encoding: .utf8) == "private words\n")
            #expect(mode(kept) & 0o777 == 0o600)
            #expect(message.contains("--note-file \(kept)"), "\(message)")
        }
    }

    @Test("A hang-up after the editor closed, while the note waits for the map's lock: recorded first, then partsmap ends")
    func hangUpWhileTheNoteWaitsForTheLock() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        guard let python = ExecutableSearch.find("python3") else {
            print("note: python3 is missing; the editor signal test is skipped")
            return
        }
        // Another writer holds the map's lock, so the note waits for it.
        let lock = open(folder.path + "/.map.parts.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)  // not inherited by partsmap
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        var locked = true
        defer { if locked { close(lock) } }
        let editor = folder.path + "/editor"
        let pidFile = folder.path + "/editor.pid"
        try TestSupport.writeExecutable("#!/bin/sh\necho 'words from before the hang-up' >> \"$1\"\necho $$ > \"\(pidFile)\"\n", to: editor)
        let wrapper = "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
        let child = try Reliability.Child.spawn(python, ["-c", wrapper, TestSupport.partsmapBinary, "session", "add",
                                                         "--map", folder.path + "/map.parts", "--date", "2026-11-20", "--edit"],
                                                environment: ["VISUAL": editor, "EDITOR": editor])
        var waited = 0
        while !FileManager.default.fileExists(atPath: pidFile) && waited < 500 { usleep(10_000); waited += 1 }
        usleep(500_000)  // the editor has exited; partsmap waits for the lock
        child.send(SIGHUP)
        usleep(200_000)
        close(lock)
        locked = false
        let exit = child.wait()
        #expect(exit.signal == SIGHUP, "\(exit)")
        #expect(TestSupport.parseValid(try text(folder)).sessions.last?.notes == ["words from before the hang-up"])
        #expect(Reliability.temporaryFiles(in: folder).isEmpty, "\(Reliability.temporaryFiles(in: folder))")
    }

    @Test("An editor that fails after the person wrote: the note is kept in a file, not lost")
    func editorFailsAfterWriting() throws {
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let editor = folder.path + "/editor"
        try TestSupport.writeExecutable("#!/bin/sh\necho 'words worth keeping' >> \"$1\"\nexit 3\n", to: editor)
        let before = try text(folder)
        let result = try TestSupport.partsmap(["session", "add", "--date", "2026-11-20", "--edit"],
                                              environment: ["VISUAL": editor, "EDITOR": editor], in: folder)
        #expect(result.status == 70, "\(result.stderr)")
        #expect(try text(folder) == before)
        let kept = folder.path + "/map.parts.note-2026-11-20.txt"
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "words worth keeping\n")
        #expect(result.stderr.contains("--note-file map.parts.note-2026-11-20.txt'"), "\(result.stderr)")
        // The command it names records the note.
        let again = try TestSupport.partsmap(["session", "add", "--date", "2026-11-20", "--note-file", "map.parts.note-2026-11-20.txt"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(TestSupport.parseValid(try text(folder)).sessions.last?.notes == ["words worth keeping"])
    }

    @Test("init's .gitignore covers every file partsmap leaves beside a map")
    func gitignoreCoversLeftovers() throws {
        let patterns = InitCommand.gitignore.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        for name in [".map.parts.lock", ".map.parts.partsmap-Ab12Cd", ".map.svg.partsmap-Xy34Zw", ".map.parts.note.partsmap-abcdef"] {
            #expect(patterns.contains { fnmatch($0, name, 0) == 0 }, "\(name) is not ignored")
        }
    }

    @Test("The render cache lives in the user's cache folder, private, not beside the picture")
    func renderCacheLocation() throws {
        guard TestSupport.dotPath != nil else { return }
        let folder = try folder()
        defer { TestSupport.cleanUp(folder) }
        let cache = folder.path + "/xdg"
        let environment = ["XDG_CACHE_HOME": cache]
        let first = try TestSupport.partsmap(["render"], environment: environment, in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try TestSupport.partsmap(["render"], environment: environment, in: folder)
        #expect(second.stderr.contains("up to date"), "\(second.stderr)")
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") && !$0.hasSuffix(".lock") }
        #expect(beside.isEmpty, "\(beside)")
        #expect(mode(cache + "/partsmap") & 0o777 == 0o700)
        let records = try FileManager.default.contentsOfDirectory(atPath: cache + "/partsmap")
        #expect(records.count == 1)
        #expect(records.allSatisfy { mode(cache + "/partsmap/" + $0) & 0o077 == 0 })
        // Without XDG_CACHE_HOME it goes under HOME/.cache.
        let home = folder.path + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        let homed = try TestSupport.partsmap(["render", "--force"], environment: ["XDG_CACHE_HOME": "", "HOME": home], in: folder)
        #expect(homed.status == 0)
        #expect(mode(home + "/.cache/partsmap") & 0o777 == 0o700)
    }
}
