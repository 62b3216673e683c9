import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Set by the signal handler; read by the watch loop.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

private func requestStop(_ signal: Int32) {
    stopRequested = 1
}

/// `partsmap render --watch`: draws the map again whenever it changes. A map with errors is
/// reported and the last good picture kept; Ctrl-C stops cleanly (a drawing under way finishes
/// first, and Graphviz never sees the Ctrl-C, so no half-drawn picture is kept).
struct RenderWatcher {
    var mapPath: String
    var job: RenderJob

    func run() throws(CommandError) {
        var job = self.job
        job.renderer.ownProcessGroup = true
        stopRequested = 0
        signal(SIGINT, requestStop)
        signal(SIGTERM, requestStop)
        // A parent may have started us with these signals blocked (some process launchers do);
        // unblock them, or Ctrl-C would never reach the handler.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        Console.message("watching \(mapPath) (Ctrl-C to stop)")
        var last: FileSystem.Stamp?
        var seen = false
        while stopRequested == 0 {
            let current = FileSystem.stamp(mapPath)
            if current != last || !seen {
                last = current
                seen = true
                do {
                    try job.run(mapPath: mapPath)
                } catch {
                    Console.message("partsmap: " + error.message + "\n(keeping the last good picture; waiting for the next change)")
                }
            }
            var slept = 0
            while slept < 250, stopRequested == 0 {
                usleep(10_000)
                slept += 10
            }
        }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        Console.message("stopped watching \(mapPath)")
    }
}
