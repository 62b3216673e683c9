#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
internal import PartsMapSystemC

/// How a finished child process ended.
public enum Termination: Equatable, Sendable {
    case exited(Int32)
    case signalled(Int32)
    /// It ran past the time limit and was stopped (SIGTERM, then SIGKILL).
    case timedOut
}

/// Runs a program with an argument list (never through a shell), feeding it standard input and
/// collecting standard error concurrently, so a large graph or a chatty program cannot deadlock
/// on a full pipe. Standard output goes to /dev/null (Graphviz writes its result with `-o`)
/// or to a pipe (`capturesOutput`).
///
/// It can be started before its input is ready (`start`, then `finish`), so a slow-starting
/// program such as Graphviz loads while partsmap is still reading the map.
package struct Subprocess {
    var executable: String
    var arguments: [String]
    /// Seconds before the program is stopped.
    var timeout: Double
    /// Keep at most this much of standard error (15 KB: with partsmap's own words, a message
    /// stays within the 16 KB docs/reliability.md promises); the rest is read and dropped.
    static let stderrLimit = 15_360
    var stderrLimit = Subprocess.stderrLimit
    /// Collect standard output (for git, and the picture of a primed Graphviz: see
    /// `GraphvizRenderer.primer`); otherwise it goes to /dev/null.
    var capturesOutput = false
    /// Start the child in its own process group, so a Ctrl-C meant for partsmap does not reach
    /// it (Graphviz answers SIGINT by writing an unfinished picture), and a timeout ends every
    /// process it started (a wrapper script's children too). If partsmap itself is stopped by
    /// a signal, the group is ended too (`SignalCleanup`).
    var ownProcessGroup = false
    /// Move the child to another processor than partsmap's as soon as it starts (Linux; it may
    /// then run anywhere again). Started by a busy partsmap, the child otherwise waits for
    /// partsmap's processor until the idle one wakes, 1 to 4 ms here (docs/performance.md).
    var startsOnAnotherProcessor = false

    /// A started child waiting for its input.
    struct Running {
        let pid: pid_t
        let inputFD: Int32
        let errorFD: Int32
        /// -1 unless the output is captured.
        let outputFD: Int32
    }

    struct Result {
        var termination: Termination
        var standardError: [UInt8]
        var standardOutput: [UInt8] = []
    }

    enum LaunchError: Error {
        case cannotStart(String)
    }

    /// Starts the program and feeds it `input`, then waits for it.
    func run(input: [UInt8]) throws(LaunchError) -> Result {
        finish(try start(), input: input)
    }

    /// Starts the program; it waits for input until `finish` or `cancel`.
    func start() throws(LaunchError) -> Running {
        var inputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        var outputPipe: [Int32] = [-1, -1]
        guard makePipe(&inputPipe), makePipe(&errorPipe), !capturesOutput || makePipe(&outputPipe) else {
            let reason = errnoDescription()
            // Close whatever pipes were made before the one that failed.
            for fd in inputPipe + errorPipe + outputPipe where fd >= 0 { close(fd) }
            throw .cannotStart(reason)
        }
        Self.suppressBrokenPipeSignal(inputPipe[1])

        var actions = Spawn.emptyFileActions()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
        if capturesOutput {
            posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

        var attributes = Spawn.emptyAttributes()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // The child starts with no blocked signals, whatever our own mask is.
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        var flags = Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if ownProcessGroup {
            flags |= Int16(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, flags)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        var status = posix_spawn(&pid, executable, &actions, &attributes, argv, Spawn.environment())
        // "Text file busy": the program was just written and another thread's fork still holds
        // it open for a moment. Try again briefly rather than fail.
        var attempts = 0
        while status == ETXTBSY && attempts < 50 {
            usleep(20_000)
            attempts += 1
            status = posix_spawn(&pid, executable, &actions, &attributes, argv, Spawn.environment())
        }
        close(inputPipe[0])
        close(errorPipe[1])
        if capturesOutput { close(outputPipe[1]) }
        guard status == 0 else {
            close(inputPipe[1])
            close(errorPipe[0])
            if capturesOutput { close(outputPipe[0]) }
            throw .cannotStart(errnoDescription(status))
        }
        if ownProcessGroup { SignalCleanup.end(group: pid) }
        if startsOnAnotherProcessor { _ = partsmap_move_off_this_processor(pid) }
        return Running(pid: pid, inputFD: inputPipe[1], errorFD: errorPipe[0], outputFD: outputPipe[0])
    }

    /// Gives a started program the first few bytes of its input now (less than a pipe holds, so
    /// this never waits); `finish` gives the rest.
    func send(_ running: Running, _ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let count = Self.writeWithoutBrokenPipeSignal {
                bytes.withUnsafeBytes { write(running.inputFD, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            }
            if count > 0 {
                written += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return  // the program is gone: `finish` says how it ended
            }
        }
    }

    /// Gives a started program its input and waits (up to the timeout) for it to finish.
    func finish(_ running: Running, input: [UInt8]) -> Result {
        let (stderrBytes, stdoutBytes, exitStatus) = pump(pid: running.pid, input: input, inputFD: running.inputFD,
                                                          errorFD: running.errorFD, outputFD: running.outputFD)
        let termination = exitStatus.map(Subprocess.termination(from:)) ?? stop(running.pid)
        endGroup(running.pid)
        return Result(termination: termination, standardError: stderrBytes, standardOutput: stdoutBytes)
    }

    /// Stops a started program that will not be given its input.
    func cancel(_ running: Running) {
        close(running.inputFD)
        close(running.errorFD)
        if running.outputFD >= 0 { close(running.outputFD) }
        _ = stop(running.pid)
        endGroup(running.pid)
    }

    /// Ends whatever is left of the child's own process group (background children of a
    /// wrapper script), once the child itself is gone.
    private func endGroup(_ pid: pid_t) {
        guard ownProcessGroup else { return }
        kill(-pid, SIGKILL)
        SignalCleanup.forget(group: pid)
    }

    /// Writes the input and reads standard error until the child exits or time runs out.
    /// Returns the child's wait status, or nil when it is still running at the deadline.
    private func pump(pid: pid_t, input: [UInt8], inputFD: Int32, errorFD: Int32, outputFD: Int32)
        -> (stderr: [UInt8], stdout: [UInt8], status: Int32?) {
        let deadline = monotonicSeconds() + timeout
        var inputFD = inputFD
        var errorOpen = true
        var outputOpen = outputFD >= 0
        var written = 0
        var collected: [UInt8] = []
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        _ = fcntl(inputFD, F_SETFL, fcntl(inputFD, F_GETFL) | O_NONBLOCK)
        if input.isEmpty { close(inputFD); inputFD = -1 }
        defer {
            if inputFD >= 0 { close(inputFD) }
            close(errorFD)
            if outputFD >= 0 { close(outputFD) }
        }
        var exited: Int32?
        var pollPause: Int32 = 1
        while errorOpen || outputOpen || inputFD >= 0 {
            let remaining = deadline - monotonicSeconds()
            if remaining <= 0 { return (collected, output, nil) }
            if inputFD < 0, exited == nil {
                // Input is all written: the child may exit while a background child of its own
                // still holds standard error open. Its exit, not the pipe's end, is what counts.
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { exited = status }
            }
            if let exited {
                // Keep what is already in the pipes, then stop reading.
                drain(errorOpen ? errorFD : -1, into: &collected, limit: stderrLimit)
                if outputOpen { drain(outputFD, into: &output, limit: Int.max) }
                return (collected, output, exited)
            }
            var fds = [pollfd(fd: errorOpen ? errorFD : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0),
                       pollfd(fd: outputOpen ? outputFD : -1, events: Int16(POLLIN), revents: 0)]
            // While only reading, wake up now and then to notice the child's exit (see above).
            let wait = inputFD < 0 ? min(Int32(min(remaining * 1000, 1000)) + 1, pollPause) : Int32(min(remaining * 1000, 1000)) + 1
            pollPause = min(pollPause * 2, 100)
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 {
                if errno == EINTR { continue }
                return (collected, output, nil)
            }
            if outputOpen, fds[2].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(outputFD, $0.baseAddress, $0.count) }
                if count > 0 {
                    output.append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR && errno != EAGAIN {
                    outputOpen = false
                }
            }
            if errorOpen, fds[0].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(errorFD, $0.baseAddress, $0.count) }
                if count > 0 {
                    let room = max(0, stderrLimit - collected.count)
                    collected.append(contentsOf: buffer[0..<min(count, room)])
                } else if count == 0 || errno != EINTR && errno != EAGAIN {
                    errorOpen = false
                }
            }
            if inputFD >= 0, fds[1].revents != 0 {
                let count = Self.writeWithoutBrokenPipeSignal {
                    input.withUnsafeBytes { write(inputFD, $0.baseAddress.map { $0 + written }, input.count - written) }
                }
                if count > 0 {
                    written += count
                }
                if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
                    close(inputFD)
                    inputFD = -1
                }
            }
        }
        // Standard error is closed: the child is exiting. Give it what time is left, checking
        // often at first (it is usually gone within microseconds) and less often later.
        var pause: UInt32 = 50
        while monotonicSeconds() < deadline {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return (collected, output, status) }
            if result < 0 && errno != EINTR { return (collected, output, 127 << 8) }
            usleep(pause)
            pause = min(pause * 2, 10_000)
        }
        return (collected, output, nil)
    }

    /// Reads what is in a pipe now, without waiting for more.
    private func drain(_ descriptor: Int32, into bytes: inout [UInt8], limit: Int) {
        guard descriptor >= 0 else { return }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            bytes.append(contentsOf: buffer[0..<min(count, max(0, limit - bytes.count))])
        }
    }

    /// Stops a child that ran out of time: SIGTERM, then SIGKILL after a grace period.
    /// Never SIGINT: Graphviz answers that by writing its unfinished layout.
    private func stop(_ pid: pid_t) -> Termination {
        kill(ownProcessGroup ? -pid : pid, SIGTERM)
        let grace = monotonicSeconds() + 2
        var status: Int32 = 0
        var pause: UInt32 = 100
        while monotonicSeconds() < grace {
            if waitpid(pid, &status, WNOHANG) == pid { return .timedOut }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        kill(ownProcessGroup ? -pid : pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return .timedOut
    }

    static func termination(from status: Int32) -> Termination {
        let signal = status & 0x7F
        if signal == 0 { return .exited((status >> 8) & 0xFF) }
        return .signalled(signal)
    }

    private func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    /// A child that exits before reading all its input must not kill us with SIGPIPE, and a
    /// library must not change the host's signal dispositions to prevent it. On Darwin the pipe
    /// itself is told not to raise the signal; elsewhere `writeWithoutBrokenPipeSignal` blocks
    /// it in this thread around the write and takes back any SIGPIPE the write raised.
    private static func suppressBrokenPipeSignal(_ fd: Int32) {
        #if canImport(Darwin)
        _ = fcntl(fd, F_SETNOSIGPIPE, 1)
        #endif
    }

    private static func writeWithoutBrokenPipeSignal(_ write: () -> Int) -> Int {
        #if canImport(Darwin)
        return write()
        #else
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var pending = sigset_t()
        sigpending(&pending)
        let alreadyPending = sigismember(&pending, SIGPIPE) == 1
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        let count = write()
        let failure = errno
        if count < 0, failure == EPIPE, !alreadyPending {
            var none = timespec()
            while sigtimedwait(&pipeSignal, nil, &none) == -1 && errno == EINTR {}
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        errno = failure
        return count
        #endif
    }
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

extension Subprocess {
    /// Runs a program attached to this terminal (an editor, git) and waits for it.
    package static func runAttached(_ executable: String, _ arguments: [String], quiet: Bool = false) -> Termination {
        guard let pid = spawnAttached(executable, arguments, quiet: quiet, defaultSignals: []) else { return .exited(127) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(127) }
        }
        return termination(from: status)
    }

    /// Runs the person's editor on a file they are writing, attached to this terminal, so that
    /// no signal makes us lose what they wrote: Ctrl-C and Ctrl-\ belong to the editor while it
    /// runs (as git does), and a hang-up or SIGTERM does not kill us but ends the editor (SIGTERM,
    /// then SIGKILL after `grace` seconds) and is returned, for the caller to keep the text
    /// first and then stop by that signal (`SignalCleanup.stop(by:)`).
    /// A signal ignored when we started (`nohup`) stays ignored, for us and the editor.
    package static func runEditor(_ executable: String, _ arguments: [String], grace: Double = 2)
        -> (termination: Termination, stoppedBy: Int32?) {
        EditorSignals.received.pointee = 0
        typealias Handler = (@convention(c) (Int32) -> Void)?
        let noted: Handler = editorSignalNoted
        let ignore: Handler = SIG_IGN
        func isIgnored(_ handler: Handler) -> Bool { unsafeBitCast(handler, to: Int.self) == unsafeBitCast(ignore, to: Int.self) }
        var previous: [(Int32, Handler)] = []
        var untouched = Set<Int32>()
        for (signalNumber, handler) in [(SIGHUP, noted), (SIGTERM, noted), (SIGINT, ignore), (SIGQUIT, ignore)] {
            let old = signal(signalNumber, handler)
            if isIgnored(old) {  // nohup or the like: leave it as it was
                signal(signalNumber, old)
                untouched.insert(signalNumber)
            } else {
                previous.append((signalNumber, old))
            }
        }
        defer { for (signalNumber, handler) in previous { signal(signalNumber, handler) } }
        // The editor gets the dispositions we were given, not the ones set here.
        let reset = [SIGINT, SIGQUIT].filter { !untouched.contains($0) }
        guard let pid = spawnAttached(executable, arguments, quiet: false, defaultSignals: reset) else { return (.exited(127), nil) }
        var status: Int32 = 0
        var stopAt: Double?
        var killed = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { return (.exited(127), nil) }
            let received = EditorSignals.received.pointee
            if received != 0 {
                let now = monotonicSeconds()
                if stopAt == nil {
                    stopAt = now + grace
                    kill(pid, SIGTERM)
                } else if let deadline = stopAt, now >= deadline, !killed {
                    kill(pid, SIGKILL)
                    killed = true
                }
            }
            usleep(20_000)
        }
        let received = EditorSignals.received.pointee
        return (termination(from: status), received == 0 ? nil : received)
    }

    /// Starts a program on this terminal; nil if it cannot start.
    private static func spawnAttached(_ executable: String, _ arguments: [String], quiet: Bool, defaultSignals: [Int32]) -> pid_t? {
        var actions = Spawn.emptyFileActions()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = Spawn.emptyAttributes()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if !defaultSignals.isEmpty {
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for signalNumber in defaultSignals { sigaddset(&defaults, signalNumber) }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        guard posix_spawn(&pid, executable, &actions, &attributes, argv, Spawn.environment()) == 0 else { return nil }
        return pid
    }
}

/// The signal that arrived while the editor ran; set by the handler, which only stores it.
private enum EditorSignals {
    nonisolated(unsafe) static let received: UnsafeMutablePointer<Int32> = {
        let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()
}

private func editorSignalNoted(_ signalNumber: Int32) {
    EditorSignals.received.pointee = signalNumber
}
