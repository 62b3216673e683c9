#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a map, held around every read-modify-write, so two `partsmap` processes
/// editing the same map at once never lose each other's changes.
///
/// The lock is taken on a separate lock file (`.NAME.lock` beside the map), never on the map
/// itself: the map is replaced by rename on every write, and a lock on a replaced file would
/// protect nothing. The lock file is left in place, because deleting it would race with the
/// next process that opens it.
public final class FileLock {
    private var descriptor: Int32

    /// Blocks until the lock for `path` is ours.
    public init(for path: String) throws(FileError) {
        let lockPath = FileSystem.directory(of: path) + "/." + FileSystem.fileName(of: path) + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: lockPath, reason: errnoDescription()) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR {
                let reason = errnoDescription()
                close(descriptor)
                throw .cannotWrite(path: lockPath, reason: "cannot lock: \(reason)")
            }
        }
        self.descriptor = descriptor
    }

    /// Releases the lock (closing the file releases it).
    public func release() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    deinit {
        release()
    }
}
