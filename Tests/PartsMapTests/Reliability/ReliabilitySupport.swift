import Foundation
@testable import PartsMap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Helpers for the reliability suites: processes started with `posix_spawn` (so they can be
/// killed at a chosen moment and their peak memory read from `wait4`), and the file checks
/// those suites share.
enum Reliability {
    /// A child process started directly, without Foundation's `Process`, so that the moment it
    /// starts is known to the microsecond and it can be killed and reaped by its pid.
    struct Child {
        let pid: pid_t
        let started: Double

        struct Exit {
            /// The wait status, as `waitpid` returns it.
            var status: Int32
            /// Peak resident memory of the child, in bytes (`ru_maxrss`).
            var peakBytes: Int
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

        /// Waits for the child and returns how it ended and its peak memory.
        func wait() -> Exit {
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
            #if canImport(Darwin)
            let peak = Int(usage.ru_maxrss)  // bytes on macOS
            #else
            let peak = Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
            #endif
            return Exit(status: status, peakBytes: peak, seconds: now() - started)
        }
    }

    /// Runs a program to the end (output to files or /dev/null) and returns how it ended.
    static func run(_ executable: String, _ arguments: [String], stdout: String? = nil, stderr: String? = nil,
                    environment: [String: String] = [:]) throws -> Child.Exit {
        try Child.spawn(executable, arguments, stdout: stdout, stderr: stderr, environment: environment).wait()
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Temporary files partsmap writes beside a map or picture (`.NAME.partsmap-XXXXXX`).
    static func temporaryFiles(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".partsmap-") }.sorted()
    }

    static func bytes(of path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The lines of a file as partsmap counts them (split at LF; a CR before the LF, and a byte
    /// order mark at the start, are not part of the line), each as its number of Unicode scalars
    /// (invalid UTF-8 counted the way a decoder replaces it, one U+FFFD per bad sequence).
    /// Computed independently of the parser, so the fuzzer can check the parser's positions.
    static func lineLengths(_ bytes: [UInt8]) -> [Int] {
        var lines: [ArraySlice<UInt8>] = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if bytes.last == 0x0A { lines.removeLast() }
        return lines.enumerated().map { index, line in
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            if index == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
            return String(decoding: line, as: UTF8.self).unicodeScalars.count
        }
    }

    /// Describes the diagnostics whose line:column is not inside `bytes`, or nil when all are.
    static func positionsOutside(_ bytes: [UInt8], _ diagnostics: [Diagnostic]) -> String? {
        let lengths = lineLengths(bytes)
        for diagnostic in diagnostics {
            let location = diagnostic.location
            let lineCount = max(1, lengths.count)  // an empty file still has a line 1 to point at
            let scalars = location.line >= 1 && location.line <= lengths.count ? lengths[location.line - 1] : 0
            if location.line < 1 || location.line > lineCount || location.column < 1 || location.column > scalars + 1 {
                return "\(location) outside the input (\(lengths.count) lines; that line has \(scalars) scalars): \(diagnostic.message)"
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
