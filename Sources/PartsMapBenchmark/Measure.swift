import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Clocks, processes and statistics for the benchmark, on the C library only: the benchmark
/// starts copies of itself to measure other programs, and those copies must stay small (see
/// `Launcher`).

/// Seconds on the monotonic clock.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Median seconds of `body` over `runs` runs, after one warm-up run.
func timeMedian(runs: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = now()
        body()
        times.append(now() - start)
    }
    return median(times)
}

/// `value` with `decimals` digits after the point (no Foundation here).
func formatted(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
    if decimals > 0 {
        var fraction = String(Int(scaled) - whole * Int(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        text += "." + fraction
    }
    return text
}

func milliseconds(_ seconds: Double) -> String {
    seconds < 0.001 ? formatted(seconds * 1000, 3) : seconds < 0.1 ? formatted(seconds * 1000, 2) : formatted(seconds * 1000, 1)
}

func megabytes(_ bytes: Int) -> String { formatted(Double(bytes) / 1_048_576, 1) }

func fail(_ message: String) -> Never {
    let bytes = Array("partsmap-bench: \(message)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

/// One finished run of a program: wall time, peak memory, how it ended.
struct Run {
    var seconds: Double
    var peakBytes: Int
    var status: Int32
    /// User + system CPU time of the program and the children it waited for (Graphviz, git):
    /// unlike the wall time, it hardly changes when other work shares the machine.
    var cpuSeconds: Double = 0

    var succeeded: Bool { status == 0 }
}

/// Starts programs and waits for them.
enum Launcher {
    /// Starts `arguments[0]` with standard input from /dev/null and the outputs to the given
    /// files (or /dev/null). Returns the pid.
    static func spawn(_ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null") -> pid_t {
        var actions = Spawn.emptyFileActions()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, arguments[0], &actions, nil, argv, Spawn.environment())
        guard status == 0 else { fail("cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        return pid
    }

    /// Waits for `pid`; returns its wait status and its `rusage`.
    static func wait(_ pid: pid_t) -> (status: Int32, usage: rusage) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { fail("wait4: \(String(cString: strerror(errno)))") }
        }
        return (status, usage)
    }

    /// Runs a program to the end, unmeasured.
    @discardableResult
    static func run(_ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null") -> Int32 {
        wait(spawn(arguments, stdout: stdout, stderr: stderr)).status
    }

    /// The flag that makes this program a measuring helper instead of the benchmark.
    static let helperFlag = "--measure-one"

    /// Runs a program once and measures it: wall time from just before it is started to just
    /// after it is reaped, and its peak resident memory from `wait4`.
    ///
    /// Why a helper: a child started with posix_spawn shares its parent's memory until it runs
    /// its program, and Linux then counts the parent's peak as the child's (`ru_maxrss` is
    /// carried across exec). The benchmark has large maps in memory, so it does not start the
    /// measured program itself: it starts a fresh copy of itself (`--measure-one`), small and
    /// idle, which starts the program, waits and reports. The helper's own size is the floor
    /// below which no peak can read (printed as "floor" in the report).
    static func measure(_ arguments: [String], helper: String, scratch: String) -> Run {
        let report = scratch + "/.measure"
        let status = run([helper, helperFlag] + arguments, stdout: report)
        guard status == 0, let bytes = try? readFile(report) else { fail("the measuring helper failed on \(arguments)") }
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ")
        guard fields.count >= 3, let wall = Int(fields[0]), let peak = Int(fields[1]),
              let child = Int32(fields[2].filter { $0 != "\n" }) else {
            fail("the measuring helper said: \(String(decoding: bytes, as: UTF8.self))")
        }
        let cpu = fields.count >= 4 ? Int(fields[3].filter { $0 != "\n" }) ?? 0 : 0
        return Run(seconds: Double(wall) / 1e9, peakBytes: peak, status: child, cpuSeconds: Double(cpu) / 1e6)
    }

    /// The helper's side: `--measure-one PROGRAM ARGS...` prints "nanoseconds peak-bytes status
    /// cpu-microseconds".
    static func helperMain(_ arguments: [String]) -> Never {
        let start = now()
        let pid = spawn(arguments)
        let (status, usage) = wait(pid)
        let seconds = now() - start
        #if canImport(Darwin)
        let peak = Int(usage.ru_maxrss)
        #else
        let peak = Int(usage.ru_maxrss) * 1024
        #endif
        let exitStatus: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        // The child's own CPU time plus that of the children it waited for.
        let cpu = Int(usage.ru_utime.tv_sec) * 1_000_000 + Int(usage.ru_utime.tv_usec)
            + Int(usage.ru_stime.tv_sec) * 1_000_000 + Int(usage.ru_stime.tv_usec)
        print("\(Int(seconds * 1e9)) \(peak) \(exitStatus) \(cpu)")
        exit(0)
    }
}

func readFile(_ path: String) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw BenchError.io(path) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count >= 0 else { throw BenchError.io(path) }
        if count == 0 { return bytes }
        bytes.append(contentsOf: chunk[0..<count])
    }
}

func writeFile(_ path: String, _ bytes: some Collection<UInt8>) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { fail("cannot write \(path)") }
    defer { close(descriptor) }
    let data = Array(bytes)
    var offset = 0
    while offset < data.count {
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, data.count - offset) }
        guard written > 0 else { fail("cannot write \(path)") }
        offset += written
    }
}

enum BenchError: Error {
    case io(String)
}

/// The absolute path of a program on PATH, or nil.
func findOnPath(_ name: String) -> String? {
    guard let path = getenv("PATH") else { return nil }
    for folder in String(cString: path).split(separator: ":") {
        let candidate = "\(folder)/\(name)"
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
}

/// This program's own path (for starting helper copies of itself).
func ownExecutable() -> String {
    var buffer = [CChar](repeating: 0, count: 4_096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if count > 0 { return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return CommandLine.arguments[0]
}
