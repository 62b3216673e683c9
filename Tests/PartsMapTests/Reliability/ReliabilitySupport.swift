import Foundation
@testable import PartsMap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Helpers for the reliability suites: processes started with `posix_spawn` (so they can be
/// killed at a chosen moment), peak memory measured without this process's own, and the file
/// and position checks those suites share.
enum Reliability {
    /// A child process started directly, without Foundation's `Process`, so that the moment it
    /// starts is known to the microsecond and it can be killed and reaped by its pid.
    struct Child {
        let pid: pid_t
        let started: Double

        struct Exit {
            /// The wait status, as `waitpid` returns it.
            var status: Int32
            var seconds: Double
            var exitCode: Int32? { status & 0x7F == 0 ? (status >> 8) & 0xFF : nil }
            var signal: Int32? { status & 0x7F == 0 ? nil : status & 0x7F }
        }

        /// Starts `executable` with `arguments`. Standard input is /dev/null; standard output
        /// and error go to the given files (or /dev/null).
        static func spawn(_ executable: String, _ arguments: [String], stdout: String? = nil,
                          stderr: String? = nil, environment: [String: String] = [:]) throws -> Child {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            var env = ProcessInfo.processInfo.environment
            for (key, value) in environment { env[key] = value }
            let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            defer {
                for pointer in argv { free(pointer) }
                for pointer in envp { free(pointer) }
            }
            var pid = pid_t()
            var status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
            var attempts = 0
            while status == ETXTBSY && attempts < 50 {  // a script another thread is still writing
                usleep(20_000)
                attempts += 1
                status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
            }
            guard status == 0 else {
                throw NSError(domain: "posix_spawn", code: Int(status),
                              userInfo: [NSLocalizedDescriptionKey: "cannot start \(executable): \(String(cString: strerror(status)))"])
            }
            return Child(pid: pid, started: now())
        }

        /// Sends a signal (SIGKILL unless told otherwise).
        func send(_ signal: Int32 = SIGKILL) {
            _ = kill(pid, signal)
        }

        /// Waits for the child and returns how it ended. (Not its peak memory: a child started
        /// with posix_spawn shares this process's memory until it runs the program, and the
        /// kernel counts this process's peak as the child's. See `measured`.)
        func wait() -> Exit {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return Exit(status: status, seconds: now() - started)
        }
    }

    /// Runs a program to the end (output to files or /dev/null) and returns how it ended.
    static func run(_ executable: String, _ arguments: [String], stdout: String? = nil, stderr: String? = nil,
                    environment: [String: String] = [:]) throws -> Child.Exit {
        try Child.spawn(executable, arguments, stdout: stdout, stderr: stderr, environment: environment).wait()
    }

    /// Runs a program to the end and measures its peak memory (bytes) and wall time. The
    /// program is started by a small python3 helper that forks it and reads its `rusage`: the
    /// test process is large, and a program it started directly would be charged with the test
    /// process's own peak. The figure cannot read below the helper's size (about 10 MB).
    /// Nil when python3 is not installed.
    static func measured(_ executable: String, _ arguments: [String], stderr: String) throws
        -> (exit: Child.Exit, peakBytes: Int)? {
        guard let python = ExecutableSearch.find("python3") else { return nil }
        let helper = """
            import os, sys, time
            start = time.monotonic()
            pid = os.fork()
            if pid == 0:
                try:
                    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
                    os.dup2(os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
                    os.execv(sys.argv[2], sys.argv[2:])
                finally:
                    os._exit(127)
            _, status, usage = os.wait4(pid, 0)
            print(status, usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024), time.monotonic() - start)
            """
        let report = stderr + ".measure"
        let exit = try run(python, ["-c", helper, stderr, executable] + arguments, stdout: report)
        let fields = (try String(contentsOfFile: report, encoding: .utf8)).split(separator: " ")
        guard exit.exitCode == 0, fields.count == 3, let status = Int32(fields[0]), let peak = Int(fields[1]),
              let seconds = Double(fields[2].trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return (Child.Exit(status: status, seconds: seconds), peak)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Temporary files partsmap writes beside a map or picture (`.NAME.partsmap-XXXXXX`, as
    /// `mkstemp` names them; not the lock file or a picture's `.NAME.partsmap-cache` record).
    static func temporaryFiles(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { name in
            guard name.hasPrefix("."), let marker = name.range(of: ".partsmap-", options: .backwards) else { return false }
            let suffix = name[marker.upperBound...]
            return suffix.count == 6 && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }.sorted()
    }

    static func bytes(of path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Offsets of the line feeds in `bytes`, found with `memchr` (fast even in a debug build).
    static func newlineOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                let index = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                offsets.append(index)
                offset = index + 1
            }
        }
        return offsets
    }

    /// Line `number` (1-based) as partsmap counts lines (split at LF; a CR before the LF, and a
    /// byte order mark at the start, are not part of the line), as its number of Unicode scalars
    /// (invalid UTF-8 counted the way a decoder replaces it, one U+FFFD per bad sequence).
    /// Computed independently of the parser, so the fuzzer can check the parser's positions.
    static func scalarCount(ofLine number: Int, in bytes: [UInt8], newlines: [Int]) -> Int {
        let start = number == 1 ? 0 : newlines[number - 2] + 1
        let end = number - 1 < newlines.count ? newlines[number - 1] : bytes.count
        var line = bytes[start..<max(start, end)]
        if line.last == 0x0D { line = line.dropLast() }
        if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        return String(decoding: line, as: UTF8.self).unicodeScalars.count
    }

    /// How many lines partsmap sees in `bytes` (a final line feed does not start another line).
    static func lineCount(_ bytes: [UInt8], newlines: [Int]) -> Int {
        bytes.isEmpty ? 0 : newlines.count + (bytes.last == 0x0A ? 0 : 1)
    }

    /// Describes the diagnostics whose line:column is not inside `bytes`, or nil when all are.
    static func positionsOutside(_ bytes: [UInt8], _ diagnostics: [Diagnostic]) -> String? {
        guard !diagnostics.isEmpty else { return nil }
        let newlines = newlineOffsets(bytes)
        let lines = lineCount(bytes, newlines: newlines)
        var lengths: [Int: Int] = [:]
        for diagnostic in diagnostics {
            let location = diagnostic.location
            // An empty file still has a line 1 to point at.
            guard location.line >= 1, location.line <= max(1, lines), location.column >= 1 else {
                return "\(location) outside the input (\(lines) lines): \(diagnostic.message)"
            }
            let scalars: Int
            if location.line > lines {
                scalars = 0
            } else if let known = lengths[location.line] {
                scalars = known
            } else {
                scalars = scalarCount(ofLine: location.line, in: bytes, newlines: newlines)
                lengths[location.line] = scalars
            }
            if location.column > scalars + 1 {
                return "\(location) outside the input (line \(location.line) has \(scalars) scalars): \(diagnostic.message)"
            }
        }
        return nil
    }

    /// A short, replayable picture of bytes for a failure message.
    static func escaped(_ bytes: [UInt8], limit: Int = 600) -> String {
        var out = ""
        for byte in bytes.prefix(limit) {
            switch byte {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out += String(UnicodeScalar(byte))
            default: out += String(format: "\\x%02X", byte)
            }
        }
        return bytes.count > limit ? out + "… (\(bytes.count) bytes)" : out
    }
}
