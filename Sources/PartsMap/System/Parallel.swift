#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Work spread over a few threads (POSIX threads: the library keeps Foundation, Dispatch and
/// the concurrency runtime out, so a command starts fast). Used to run several Graphviz
/// processes at once, one per core.
public enum Parallel {
    /// The number of cores online (at least 1).
    public static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `body(0) … body(count - 1)` on up to `workers` threads, results in order. `progress`
    /// is told each time a job starts (its number, from 1), from whichever thread starts it.
    public static func map<T: Sendable>(_ count: Int, workers: Int = cores, progress: (@Sendable (Int) -> Void)? = nil,
                                        _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let queue = WorkQueue<T>(count: count, progress: progress, body: body)
        let threads = min(max(1, workers), count)
        if threads <= 1 {
            queue.work()
            return queue.finished()
        }
        var started: [ThreadHandle] = []
        for _ in 0..<threads {
            if let handle = ThreadHandle.start(queue) { started.append(handle) }
        }
        if started.isEmpty { queue.work() }  // no thread could start: do it here
        for handle in started { handle.join() }
        return queue.finished()
    }
}

/// Jobs handed out one at a time under a lock, with a slot for each result.
private final class WorkQueue<T: Sendable>: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var next = 0
    private let count: Int
    private var results: [T?]
    private let progress: (@Sendable (Int) -> Void)?
    private let body: @Sendable (Int) -> T

    init(count: Int, progress: (@Sendable (Int) -> Void)?, body: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.progress = progress
        self.body = body
        results = Array(repeating: nil, count: count)
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    /// Takes jobs until none are left.
    func work() {
        while true {
            pthread_mutex_lock(&mutex)
            let job = next
            next += 1
            pthread_mutex_unlock(&mutex)
            guard job < count else { return }
            progress?(job + 1)
            let result = body(job)
            pthread_mutex_lock(&mutex)
            results[job] = result
            pthread_mutex_unlock(&mutex)
        }
    }

    /// The results, once every thread has stopped.
    func finished() -> [T] {
        results.compactMap { $0 }
    }
}

/// One started thread working on a queue.
private struct ThreadHandle {
    let thread: pthread_t

    static func start<T: Sendable>(_ queue: WorkQueue<T>) -> ThreadHandle? {
        let context = Unmanaged.passRetained(Box(work: { queue.work() })).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        let status = pthread_create(&thread, nil, { raw in
            Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().work()
            return nil
        }, context)
        guard status == 0, let thread else {
            Unmanaged<Box>.fromOpaque(context).release()
            return nil
        }
        return ThreadHandle(thread: thread)
        #else
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            if let raw { Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().work() }
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            return nil
        }
        return ThreadHandle(thread: thread)
        #endif
    }

    func join() {
        pthread_join(thread, nil)
    }

    private final class Box {
        let work: () -> Void
        init(work: @escaping () -> Void) { self.work = work }
    }
}

/// "frame 120/500" on standard error, for work that has taken more than a second: on a
/// terminal one line rewritten in place (cleared at the end), otherwise a line a second.
/// Safe to call from several threads.
public final class ProgressLine: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private let start = monotonicSeconds()
    private var lastShown = 0.0
    private var shown = false
    private let terminal = isatty(2) != 0
    private let noun: String

    public init(_ noun: String) {
        self.noun = noun
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    public func report(_ done: Int, of total: Int) {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        let now = monotonicSeconds()
        guard now - start >= 1, now - lastShown >= (terminal ? 0.1 : 1) else { return }
        lastShown = now
        shown = true
        ProgressLine.emit(terminal ? "\r\(noun) \(done)/\(total)" : "\(noun) \(done)/\(total)\n")
    }

    /// Clears the line on a terminal.
    public func finish() {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        if shown && terminal { ProgressLine.emit("\r\u{1B}[K") }
        shown = false
    }

    private static func emit(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in write(2, raw.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
