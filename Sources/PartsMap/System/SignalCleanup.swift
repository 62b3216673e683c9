#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `partsmap` stopped by SIGHUP, SIGTERM or SIGINT cleans up before it dies: its
/// temporary files (a half-drawn picture, a note open in the editor) and the process group
/// of a Graphviz it started. (SIGKILL cannot be caught: the next `partsmap` that writes
/// beside the same file removes what was left, see `FileSystem.removeStaleTemporaryFiles`.)
///
/// The handler only calls `unlink`, `kill`, `signal` and `raise`, which are safe in a signal
/// handler, on C strings made before the signal could arrive.
package enum SignalCleanup {
    static let slots = 8
    nonisolated(unsafe) fileprivate static let paths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let pointer = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slots)
        pointer.initialize(repeating: nil, count: slots)
        return pointer
    }()
    nonisolated(unsafe) fileprivate static let groups: UnsafeMutablePointer<pid_t> = {
        let pointer = UnsafeMutablePointer<pid_t>.allocate(capacity: slots)
        pointer.initialize(repeating: 0, count: slots)
        return pointer
    }()
    nonisolated(unsafe) private static var installed = false

    /// Removes `path` if the process is stopped by a signal, until `forget(path)`.
    package static func remove(_ path: String) {
        install()
        for index in 0..<slots where paths[index] == nil {
            paths[index] = strdup(path)
            return
        }
    }

    package static func forget(_ path: String) {
        for index in 0..<slots {
            guard let pointer = paths[index], String(cString: pointer) == path else { continue }
            paths[index] = nil
            free(pointer)
        }
    }

    /// Ends the process group `group` (a child started in its own group) if we are stopped.
    package static func end(group: pid_t) {
        install()
        for index in 0..<slots where groups[index] == 0 {
            groups[index] = group
            return
        }
    }

    package static func forget(group: pid_t) {
        for index in 0..<slots where groups[index] == group { groups[index] = 0 }
    }

    /// Ends the process by `signalNumber`, as that signal would have (after the caller kept
    /// what had to be kept, e.g. a note written in the editor when the terminal hung up).
    package static func stop(by signalNumber: Int32) -> Never {
        signal(signalNumber, SIG_DFL)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signalNumber)
        sigprocmask(SIG_UNBLOCK, &only, nil)
        raise(signalNumber)
        _exit(128 + signalNumber)
    }

    /// Runs `body` with SIGHUP, SIGTERM and SIGINT held back: one that arrives meanwhile takes
    /// effect when `body` is done (for writing words that exist nowhere else, e.g. a note just
    /// written in the editor, while waiting for the map's lock).
    package static func deferringSignals<Value, Failure: Error>(_ body: () throws(Failure) -> Value) throws(Failure) -> Value {
        var held = sigset_t()
        sigemptyset(&held)
        for signalNumber in [SIGHUP, SIGTERM, SIGINT] { sigaddset(&held, signalNumber) }
        var previous = sigset_t()
        sigprocmask(SIG_BLOCK, &held, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// Installs the handler for the signals that still have their default action (a signal
    /// ignored by `nohup`, or handled by `render --watch`, is left alone).
    private static func install() {
        guard !installed else { return }
        installed = true
        // Make the tables before the handler can run: it must not be the one to create them.
        _ = paths
        _ = groups
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signalNumber in [SIGHUP, SIGTERM, SIGINT] {
            let previous = signal(signalNumber, cleanUpAndDie)
            // SIG_DFL is the null handler: anything else (ignored, or a handler) is put back.
            if previous != nil {
                signal(signalNumber, previous)
            } else {
                sigaddset(&unblock, signalNumber)
            }
        }
        // A parent may have started us with these blocked; they would never reach the handler.
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }
}

private func cleanUpAndDie(_ signalNumber: Int32) {
    for index in 0..<SignalCleanup.slots {
        if let path = SignalCleanup.paths[index] { unlink(path) }
        if SignalCleanup.groups[index] > 0 { kill(-SignalCleanup.groups[index], SIGKILL) }
    }
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
