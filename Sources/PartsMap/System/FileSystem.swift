#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure reading or writing a file, with the path and the system's reason.
public enum FileError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(path: String)
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case tooLarge(path: String, limit: Int)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file"
        case .cannotRead(let path, let reason): return "\(path): cannot read: \(reason)"
        case .cannotWrite(let path, let reason): return "\(path): cannot write: \(reason)"
        case .tooLarge(let path, let limit):
            return "\(path): larger than \(limit / 1_048_576) MiB; a parts map this big is probably not a map"
        }
    }
}

/// File access through the C library: PartsMap avoids Foundation to start fast.
///
/// Maps are clinical data, so every file PartsMap creates is readable by its owner only, and
/// every write goes to a temporary file in the same folder that is renamed over the target, so
/// a crash or a full disk never leaves a half-written map or picture.
public enum FileSystem {
    /// Maps larger than this are refused rather than read into memory.
    public static let maximumMapBytes = 64 * 1_048_576

    public static func readBytes(at path: String, limit: Int = maximumMapBytes) throws(FileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .notFound(path: path) }
            throw .cannotRead(path: path, reason: errnoDescription(code))
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw .cannotRead(path: path, reason: "it is a folder")
        }
        if Int(info.st_size) > limit { throw .tooLarge(path: path, limit: limit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size) + 1)  // one allocation for a regular file
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: errnoDescription())
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw .tooLarge(path: path, limit: limit) }
        }
        return bytes
    }

    /// What identifies one version of a file on disk: size, modification time, inode.
    package struct Stamp: Equatable, CustomStringConvertible {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64

        package var description: String { "\(size) \(seconds).\(nanoseconds) \(inode)" }
    }

    package static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return Stamp(size: Int64(info.st_size), seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec),
                     inode: UInt64(info.st_ino))
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The folder part of a path ("." when there is none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of a path.
    public static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Creates a private temporary file beside `path` (same folder, so rename is atomic).
    /// Returns its descriptor and path.
    package static func makeTemporaryFile(beside path: String) throws(FileError) -> (descriptor: Int32, path: String) {
        let template = directory(of: path) + "/." + fileName(of: path) + ".partsmap-XXXXXX"
        var buffer = Array(template.utf8CString)
        let descriptor = buffer.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: errnoDescription()) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = buffer.withUnsafeBufferPointer { $0.baseAddress.map { String(cString: $0) } ?? "" }
        return (descriptor, temporary)
    }

    /// The permission bits to give a replacement for `path`: the existing file's, or owner-only.
    static func permissions(forReplacing path: String) -> mode_t {
        var info = stat()
        if stat(path, &info) == 0 { return info.st_mode & 0o7777 }
        return 0o600
    }

    /// Replaces `path` with `bytes` atomically: temp file, fsync, keep permissions, rename.
    /// `durable: false` skips the syncs, for files that can be made again (caches).
    public static func writeAtomically(_ bytes: some Collection<UInt8>, to path: String, durable: Bool = true) throws(FileError) {
        let (descriptor, temporary) = try makeTemporaryFile(beside: path)
        var closed = false
        do throws(FileError) {
            let data = Array(bytes)
            var offset = 0
            while offset < data.count {
                let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + offset }, data.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw .cannotWrite(path: path, reason: errnoDescription())
                }
                offset += written
            }
            guard fchmod(descriptor, permissions(forReplacing: path)) == 0, !durable || fsync(descriptor) == 0 else {
                throw .cannotWrite(path: path, reason: errnoDescription())
            }
            closed = true
            guard close(descriptor) == 0 else { throw .cannotWrite(path: path, reason: errnoDescription()) }
            try commit(temporary, to: path, durable: durable)
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }

    /// Renames a finished temporary file over `path`; with `durable`, also syncs the folder so
    /// the rename survives a power cut (maps need that; pictures, which can be redrawn, do not).
    static func commit(_ temporary: String, to path: String, durable: Bool = true) throws(FileError) {
        guard rename(temporary, path) == 0 else {
            let reason = errnoDescription()
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
        guard durable else { return }
        let folder = open(directory(of: path), O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Removes temporary files left beside `path` by a `partsmap` that was killed mid-write.
    /// Only call this while holding the map's `FileLock`: then no live process is writing one.
    public static func removeStaleTemporaryFiles(beside path: String) {
        let prefix = "." + fileName(of: path) + ".partsmap-"
        let folder = directory(of: path)
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        var stale: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 { stale.append(name) }
        }
        for name in stale { unlink(folder + "/" + name) }
    }

    public static func writeAtomically(_ text: String, to path: String, durable: Bool = true) throws(FileError) {
        try writeAtomically(text.utf8, to: path, durable: durable)
    }
}
