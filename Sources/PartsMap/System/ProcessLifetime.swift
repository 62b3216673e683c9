/// Values a one-shot command keeps until the process exits, so they are never freed one object
/// at a time: the operating system takes all the memory back at once when the process ends.
/// A large map is hundreds of thousands of small allocations, and freeing them costs several
/// milliseconds that nobody waits for usefully. (Compilers do the same.) Never use it in a
/// loop that runs for long, such as `render --watch`.
package enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    package static func keepUntilExit(_ value: Any) {
        kept.append(value)
    }
}
