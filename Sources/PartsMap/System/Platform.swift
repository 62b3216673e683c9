#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of `errno` for messages people read ("No such file or directory").
/// A full disk says "disk full", whatever the C library calls it.
package func errnoDescription(_ code: Int32 = errno) -> String {
    if code == ENOSPC { return "disk full (no space left on device)" }
    if code == EDQUOT { return "disk full (quota exceeded)" }
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

/// An environment variable's value.
package func environmentValue(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
}

extension CalendarDate {
    /// Today in the local time zone.
    public static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CalendarDate(unchecked: 2000, 1, 1)
    }
}

/// The few places where spawning a process differs between Linux and macOS. Public because
/// the benchmark spawns processes the same way.
public enum Spawn {
    #if canImport(Darwin)
    /// An uninitialised `posix_spawn_file_actions_t` (an opaque pointer on Darwin).
    public static func emptyFileActions() -> posix_spawn_file_actions_t? { nil }
    public static func emptyAttributes() -> posix_spawnattr_t? { nil }
    /// The environment to hand to child processes (Darwin has no `environ` symbol for Swift).
    public static func environment() -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { _NSGetEnviron()?.pointee }
    #else
    public static func emptyFileActions() -> posix_spawn_file_actions_t { posix_spawn_file_actions_t() }
    public static func emptyAttributes() -> posix_spawnattr_t { posix_spawnattr_t() }
    /// The environment to hand to child processes.
    public static func environment() -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { environ }
    #endif
}
