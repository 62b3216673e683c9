import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `partsmap git-setup`, and the two helpers it installs: `textconv` (so `git diff` and
/// `git log -p` show changes part by part) and `merge-driver` (so branches that add different
/// parts, relationships or sessions merge without conflicts).
enum GitCommands {
    static let setup = CommandSpec(
        name: "git-setup",
        summary: "Make git diff, log -p and merge understand maps (run once in a repository).",
        synopsis: "[DIR]",
        discussion: """
            Adds '*.parts diff=partsmap merge=partsmap' to DIR/.gitattributes and sets, in the
            repository's own config, a textconv (git diff shows changes part by part) and a merge
            driver (branches merge item by item), naming 'partsmap' by name when it is on PATH
            (else by its full path, and says so). It also makes the repository private
            (core.sharedRepository 0600, nothing in .git readable by others). 'partsmap init'
            does this for new workbooks; run it again to repair one (after a move, a clone, or
            installing partsmap).
            """,
        examples: [("partsmap git-setup", "Set up the repository this folder is in.")])

    static let attributes = "*.parts text eol=lf diff=partsmap merge=partsmap"

    static func runSetup(_ arguments: ParsedArguments) throws(CommandError) {
        let folder = arguments.positionals.first ?? "."
        try configure(folder: folder)
        Console.message("git diff, git log -p and git merge now read .parts maps part by part (in \(folder)); the repository is private")
    }

    /// How git's config names this program: `partsmap` when that is on PATH (it survives a
    /// rebuild, a move, a clone), else this binary's full path, with a note saying so.
    static func programForGit() -> (command: String, note: String?) {
        if ExecutableSearch.find("partsmap") != nil { return ("partsmap", nil) }
        let path = executablePath()
        return (shellQuoted(path), "partsmap is not on your PATH, so git was given its full path (\(path)); "
                + "after installing it ('make install', with ~/.local/bin on PATH) run 'partsmap git-setup' here to name it by name")
    }

    /// Makes the repository private: git keeps new objects owner-only, and what is there already
    /// loses every permission for group and others (under umask 000 git makes objects 0666).
    static func makePrivate(_ repository: GitRepository) throws(CommandError) {
        let gitFolder: String
        do {
            _ = try repository.run(["config", "core.sharedRepository", "0600"])
            gitFolder = String(decoding: try repository.run(["rev-parse", "--absolute-git-dir"]), as: UTF8.self)
                .filter { $0 != "\n" }
        } catch {
            throw CommandError(.software, error.description)
        }
        FileSystem.removeGroupAndOtherPermissions(under: gitFolder)
    }

    /// Writes the attributes line and the repository config.
    static func configure(folder: String) throws(CommandError) {
        let repository = try MapVersion.repository(for: folder + "/map.parts")
        let attributesPath = folder + "/.gitattributes"
        var text = ""
        if FileSystem.exists(attributesPath) {
            do { text = String(decoding: try FileSystem.readBytes(at: attributesPath), as: UTF8.self) } catch {
                throw CommandError(.noInput, error.description)
            }
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let existing = lines.firstIndex { $0.hasPrefix("*.parts ") }
        if let existing { lines[existing] = attributes } else { lines += ["# partsmap: semantic diff and merge for maps", attributes] }
        do {
            try FileSystem.writeAtomically(lines.joined(separator: "\n") + "\n", to: attributesPath)
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        let (me, note) = programForGit()
        if let note { Console.message("partsmap: " + note) }
        let settings = [
            ("diff.partsmap.textconv", "\(me) textconv"),
            ("merge.partsmap.name", "partsmap: merge maps part by part"),
            ("merge.partsmap.driver", "\(me) merge-driver %O %A %B %P"),
        ]
        for (key, value) in settings {
            do {
                _ = try repository.run(["config", key, value])
            } catch {
                throw CommandError(.software, error.description)
            }
        }
        try makePrivate(repository)
    }

    /// This program's absolute path, so git finds it whatever its PATH.
    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        #if os(Linux)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        #endif
        let argument = CommandLine.arguments.first ?? "partsmap"
        let candidate = argument.contains("/") ? argument : (ExecutableSearch.find(argument) ?? argument)
        if realpath(candidate, &buffer) != nil {
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return candidate
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    static let textconv = CommandSpec(
        name: "textconv",
        summary: "Print a map one fact per line, sorted by part (git's textconv for .parts).",
        synopsis: "FILE",
        examples: [("partsmap textconv map.parts", "What git diff compares, one fact per line."),
                   ("git diff", "After 'partsmap git-setup', git runs this for you.")])

    static func runTextconv(_ arguments: ParsedArguments) throws(CommandError) {
        guard let path = arguments.positionals.first else { throw textconv.usageError("name the file") }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readBytes(at: path) } catch { throw CommandError(.noInput, error.description) }
        let parsed = MapParser.parse(SourceText(bytes))
        // A map that does not parse (say, mid-conflict) is shown as it is, so git diff still works.
        // git diff and git log -p print this on a terminal.
        Console.show(parsed.hasErrors ? String(decoding: bytes, as: UTF8.self) : SemanticText.text(for: parsed.map))
    }

    static let mergeDriver = CommandSpec(
        name: "merge-driver",
        summary: "Merge three versions of a map item by item (git's merge driver for .parts).",
        synopsis: "BASE OURS THEIRS [PATH]",
        discussion: """
            Writes the merge into OURS. When both sides changed the same thing differently, falls
            back to git's line merge with conflict markers and exits 1.
            """,
        maximumPositionals: 4,
        examples: [("partsmap merge-driver base.parts ours.parts theirs.parts", "Merge into ours.parts."),
                   ("git merge other-branch", "After 'partsmap git-setup', git runs this for you.")])

    static func runMergeDriver(_ arguments: ParsedArguments) throws(CommandError) {
        guard arguments.positionals.count >= 3 else { throw mergeDriver.usageError("give BASE OURS THEIRS") }
        let (basePath, oursPath, theirsPath) = (arguments.positionals[0], arguments.positionals[1], arguments.positionals[2])
        let label = arguments.positionals.count > 3 ? arguments.positionals[3] : oursPath
        func read(_ path: String) -> (SourceText, ParsedMap)? {
            guard let bytes = try? FileSystem.readBytes(at: path) else { return nil }
            let source = SourceText(bytes)
            let parsed = MapParser.parse(source)
            return parsed.hasErrors ? nil : (source, parsed)
        }
        if let base = read(basePath), let ours = read(oursPath), let theirs = read(theirsPath) {
            let result = MapMerge.merge(base: base.1.map, ours: ours.1.map, theirs: theirs.1.map)
            if result.conflicts.isEmpty {
                let text = MapEditor.text(for: result.map, original: ours.1, source: ours.0)
                let check = MapParser.parse(text)
                let merged = !check.hasErrors && check.map == result.map ? text : MapPrinter.print(result.map)
                if !MapParser.parse(merged).hasErrors {
                    do { try FileSystem.writeAtomically(merged, to: oursPath) } catch {
                        throw CommandError(.cannotCreate, error.description)
                    }
                    return
                }
            } else {
                Console.message("partsmap: \(label): " + result.conflicts.joined(separator: "; ") + "; falling back to a line merge")
            }
        }
        // Fall back to git's own line merge, which marks conflicts in OURS.
        guard let git = ExecutableSearch.find("git") else { throw CommandError(.unavailable, "git is not installed") }
        let status = Subprocess.runAttached(git, ["merge-file", "-L", "ours", "-L", "base", "-L", "theirs", oursPath, basePath, theirsPath])
        if status != .exited(0) { throw CommandError(.checkFailed, "") }
    }
}
